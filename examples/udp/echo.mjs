// UDP echo servers for examples/udp, and a client to see where flows go.
//   node examples/udp/echo.mjs [port]              echo servers on 127.0.0.41, .42 and .43 (default port 5301);
//                                                  each answers "<its address>: <the datagram>"
//   node examples/udp/echo.mjs ask <host> <port> [n]   n flows (default 12), one datagram each, and who answered
import * as dgram from "node:dgram";

const [command, ...rest] = process.argv.slice(2);

if (command === "ask") {
  const [host, port, n = "12"] = rest;
  const counts = {};
  const sockets = [];
  for (let i = 0; i < Number(n); i++) {
    // A new socket is a new flow: a new client port.
    const socket = dgram.createSocket("udp4");
    sockets.push(socket);
    const reply = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve("no answer"), 1000);
      socket.once("message", (msg) => {
        clearTimeout(timer);
        resolve(msg.toString().split(":")[0]);
      });
      socket.send(`flow ${i}`, Number(port), host);
    });
    counts[reply] = (counts[reply] ?? 0) + 1;
  }
  for (const s of sockets) s.close();
  console.log(counts);
} else {
  const port = Number(command ?? 5301);
  for (const address of ["127.0.0.41", "127.0.0.42", "127.0.0.43"]) {
    const socket = dgram.createSocket("udp4");
    socket.on("message", (msg, rinfo) => socket.send(`${address}: ${msg}`, rinfo.port, rinfo.address));
    socket.bind(port, address, () => console.log(`echo on ${address}:${port}`));
  }
}
