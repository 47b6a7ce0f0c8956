// For tests and benchmarks: a real SMTP server on a free local port that keeps what it accepts, and can refuse.
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  url: string;
  /** Messages accepted (whole raw message text). */
  messages: { to: string[]; raw: string }[];
  /** Refuse the next n messages with a temporary failure (451). */
  refuseNext(n: number): void;
  /** Never answer the end of a message (a stalled server): for killing a sender mid-send. */
  stall(on: boolean): void;
  /** Messages received in full but left unanswered while stalled. */
  stalledCount(): number;
  close(): Promise<void>;
}

export async function testSmtpServer(port = 0): Promise<TestSmtp> {
  const messages: TestSmtp['messages'] = [];
  let refuse = 0;
  let stalled = false;
  let unanswered = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stalled) {
          unanswered++;
          return;
        }
        if (refuse > 0) {
          refuse--;
          const e = new Error('Try again later') as Error & { responseCode: number };
          e.responseCode = 451;
          return callback(e);
        }
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    refuseNext: (n) => {
      refuse = n;
    },
    stall: (on) => {
      stalled = on;
    },
    stalledCount: () => unanswered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
