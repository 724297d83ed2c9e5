// A lean SMTP client for load: one socket per client, commands pipelined
// (RFC 2920: MAIL, RCPT..., DATA in one write), so that the client costs
// little CPU beside the server it measures on the same machine.
import net from 'node:net';
import type { BenchMail } from './mails.js';

export interface Reply {
  code: number;
  text: string;
}

export class SmtpConnection {
  private buf = '';
  private lines: string[] = [];
  private waiting: ((r: Reply) => void)[] = [];
  private replies: Reply[] = [];
  private closed: Error | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => this.onData(d.toString('latin1')));
    const fail = (err?: Error) => {
      this.closed = err ?? new Error('connection closed');
      for (const w of this.waiting.splice(0)) w({ code: 0, text: this.closed.message });
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
  }

  static async open(port: number, host = '127.0.0.1'): Promise<SmtpConnection> {
    const socket = net.connect(port, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const c = new SmtpConnection(socket);
    const greeting = await c.reply();
    if (greeting.code !== 220) throw new Error(`greeting: ${greeting.code} ${greeting.text}`);
    c.socket.write('EHLO bench.localhost\r\n');
    const ehlo = await c.reply();
    if (ehlo.code !== 250) throw new Error(`EHLO: ${ehlo.code} ${ehlo.text}`);
    return c;
  }

  private onData(s: string): void {
    this.buf += s;
    let nl: number;
    while ((nl = this.buf.indexOf('\r\n')) >= 0) {
      const line = this.buf.slice(0, nl);
      this.buf = this.buf.slice(nl + 2);
      this.lines.push(line);
      // A reply ends with "NNN " (or just "NNN"); "NNN-" continues.
      if (line.length < 4 || line[3] === ' ') {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join('\n') };
        this.lines = [];
        const w = this.waiting.shift();
        if (w) w(reply);
        else this.replies.push(reply);
      }
    }
  }

  private reply(): Promise<Reply> {
    const r = this.replies.shift();
    if (r) return Promise.resolve(r);
    if (this.closed) return Promise.resolve({ code: 0, text: this.closed.message });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Sends one mail; the reply to its data (250), or the first refusal (after which the transaction is reset). */
  async send(mail: BenchMail): Promise<Reply> {
    this.socket.write(`MAIL FROM:<${mail.from}>\r\n${mail.to.map((t) => `RCPT TO:<${t}>\r\n`).join('')}DATA\r\n`);
    const replies: Reply[] = [];
    for (let i = 0; i < mail.to.length + 2; i++) replies.push(await this.reply());
    const data = replies[replies.length - 1] as Reply;
    if (data.code !== 354) {
      const refusal = replies.find((x) => x.code >= 400) ?? data;
      this.socket.write('RSET\r\n');
      await this.reply();
      return refusal;
    }
    this.socket.write(mail.body);
    this.socket.write('.\r\n');
    return this.reply();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.socket.write('QUIT\r\n');
    await this.reply();
    this.socket.destroy();
  }
}
