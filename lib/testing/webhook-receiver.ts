import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: http.IncomingHttpHeaders; body: string; at: number };

/** A webhook receiver on 127.0.0.1 that records every request and answers with `respond` (204 by default). */
export async function startWebhookReceiver(
  respond: (request: http.IncomingMessage, response: http.ServerResponse, n: number) => void = (_, response) =>
    response.writeHead(204).end(),
) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body, at: Date.now() });
      respond(request, response, received.length);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/verity`,
    received,
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}
