// Who may talk to the dashboard server: only this machine, and only under a local host name.

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * isLocalRequest(remoteAddress, host, port) → true only when the peer is a loopback address
 * (127.0.0.0/8, ::1, ::ffff:127.x) AND the Host header names this server as 127.0.0.1, localhost or
 * [::1] with its port. Checking Host defeats DNS rebinding (a remote page whose name resolves to
 * 127.0.0.1 sends its own name as Host).
 * Example: isLocalRequest('127.0.0.1', 'localhost:8750', 8750) → true;
 *          isLocalRequest('127.0.0.1', 'evil.example:8750', 8750) → false;
 *          isLocalRequest('192.168.1.5', '127.0.0.1:8750', 8750) → false.
 */
export function isLocalRequest(remoteAddress: string | undefined, host: string | undefined, port: number): boolean {
  if (!remoteAddress || !LOOPBACK.test(remoteAddress)) return false;
  if (!host) return false;
  const h = host.toLowerCase();
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(h);
}
