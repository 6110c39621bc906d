// Verity's HTTP server: Next's request handler behind a plain Node server, for one reason: the
// socket's peer address. Next does not expose it to route handlers, so it is written into the
// x-verity-peer-ip header here, replacing whatever a client sent under that name, and
// lib/http/request-context.ts decides from it whether forwarding headers can be believed.
import { createServer } from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const dir = process.env.VERITY_ROOT ?? process.cwd();

const app = next({ dev, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers["x-verity-peer-ip"] = request.socket.remoteAddress ?? "";
  handle(request, response);
});
server.listen(port, hostname, () => {
  process.stdout.write(`Verity is serving http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
