import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254, "An email address has at most 254 characters."));

export const ZSignUp = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "A name has at most 100 characters."),
  email: ZEmail,
  password: z.string().min(12, "Use at least 12 characters.").max(256, "Use at most 256 characters."),
  organizationName: z
    .string()
    .trim()
    .min(1, "Enter your organization's name.")
    .max(100, "An organization name has at most 100 characters.")
    .optional(),
});
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZSignIn = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(256),
});
export type TSignIn = z.infer<typeof ZSignIn>;
