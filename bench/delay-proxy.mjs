// ssh's ProxyCommand for a link with latency: `node delay-proxy.mjs PORT MS` joins stdin/stdout
// to 127.0.0.1:PORT, passing each chunk on MS milliseconds after it came (each way).
import { connect } from 'node:net';

const [port, ms] = process.argv.slice(2).map(Number);
const socket = connect(port, '127.0.0.1');
const later = (write) => (chunk) => setTimeout(() => write(chunk), ms);
process.stdin.on('data', later((chunk) => socket.write(chunk)));
process.stdin.on('end', () => setTimeout(() => socket.end(), ms));
socket.on('data', later((chunk) => process.stdout.write(chunk)));
socket.on('end', () => setTimeout(() => process.exit(0), ms));
socket.on('error', () => process.exit(255));
