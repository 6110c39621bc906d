// Verity's HTTP server: Next's request handler behind a plain Node server, for what Next cannot do
// or does with a 500 (screen-requests.mjs):
// - the socket's peer address, which Next does not expose: written into x-verity-peer-ip (and
//   whether the request came over https into x-verity-scheme), replacing whatever a client sent
//   under those names; lib/http/request-context.ts decides from them whether forwarding headers can
//   be believed (transport.mjs);
// - methods the panel does not serve (TRACE, TRACK, CONNECT…) answer 405 (http-methods.mjs);
// - server actions from another site, over 1 MB or undecodable answer 403, 413 or 400 before Next
//   sees them (server-action-screen.mjs).
import { createServer } from "node:http";
import next from "next";
import { attachScreens } from "./screen-requests.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const dir = process.env.VERITY_ROOT ?? process.cwd();

const app = next({ dev, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer();
attachScreens(server, handle);
// The address to open is the panel's URL (NEXTAUTH_URL, which `verity start` defaults to http://localhost:<port>):
// mail links, sign-out and the API examples name it, and a session cookie belongs to one host, so a browser that
// opened another spelling of this server (127.0.0.1) would be taken by those links to a host where it is signed out.
const listening = `${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
const unconfigured = `http://${hostname === "0.0.0.0" ? "localhost" : listening}`;
const panelUrl = (process.env.NEXTAUTH_URL ?? unconfigured).replace(/\/+$/, "");
server.listen(port, hostname, () => {
  process.stdout.write(`Verity is serving ${panelUrl} (listening on ${listening})\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
