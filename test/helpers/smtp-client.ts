// A real SMTP client (nodemailer) that reports the server's reply code.
import nodemailer from 'nodemailer';

export interface SendResult {
  ok: boolean;
  code: number;
  response: string;
}

export async function sendRaw(port: number, to: string[], raw: string | Buffer, from = '', host = '127.0.0.1'): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
  });
  try {
    const info = await transport.sendMail({ envelope: { from, to }, raw });
    const code = Number(/^(\d{3})/.exec(info.response)?.[1] ?? 0);
    return { ok: true, code, response: info.response };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; message: string };
    return { ok: false, code: e.responseCode ?? 0, response: e.response ?? e.message };
  } finally {
    transport.close();
  }
}
