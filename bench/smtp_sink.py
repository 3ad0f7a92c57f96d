#!/usr/bin/env python3
'''A minimal SMTP sink for bench/run: accepts every message on 127.0.0.1:PORT and throws it away, so that the server's
mail jobs (order confirmations, staff notifications) do their real work, MIME and the SMTP conversation, instead of
failing and retrying against a closed port. Counts the messages and prints the count when it is stopped (SIGTERM).

Usage: smtp_sink.py PORT        Standard library only.
'''
import signal
import socketserver
import sys
import threading

received = 0
lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write(line.encode() + b'\r\n')

    def handle(self):
        global received
        self.reply('220 bench-sink ESMTP')
        while True:
            line = self.rfile.readline()
            if not line:
                return
            verb = line[:4].upper()
            if verb in (b'EHLO', b'HELO'):
                self.reply('250 bench-sink')
            elif verb == b'DATA':
                self.reply('354 end with <CRLF>.<CRLF>')
                while self.rfile.readline() not in (b'.\r\n', b''):
                    pass
                with lock:
                    received += 1
                self.reply('250 queued')
            elif verb == b'QUIT':
                self.reply('221 bye')
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply('250 ok')


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    server = Server(('127.0.0.1', int(sys.argv[1])), Session)

    def stop(*_):
        print(f'smtp-sink: {received} messages', file=sys.stderr)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    server.serve_forever()


if __name__ == '__main__':
    main()
