// The invitation pages wear the sign-in pages' card.
export { default } from "../(auth)/layout";
