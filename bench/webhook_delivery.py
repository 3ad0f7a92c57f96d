#!/usr/bin/env python3
'''The webhook-delivery scenario of bench/run: how fast committed events reach a receiver, and how late.

Starts a local receiver (HTTP/1.1, keep-alive, answers 204 after checking the Standard Webhooks signature), registers
it as a webhook endpoint of SHOP for product events, and measures:

1. throughput: BULK requests of POST products/bulk with 100 new products each record BULK x 100 product.created
   events before the endpoint exists; the endpoint is then registered and POST …/replay enqueues them all at once;
   measures events delivered per second from the replay request to the last delivery (one endpoint, so at most
   bazaar.webhooks.max-in-flight-per-endpoint requests at a time);
2. latency: for LATENCY_S seconds, RATE product updates per second (one event each, from 4 writers); measures, for every
   event, the time from its `timestamp` (taken in the writing transaction, just before its commit) to its arrival.

Checks that every event arrived, with a valid signature, and reports duplicates. Writes one JSON object to stdout;
exits 1 when a check fails.

Usage: webhook_delivery.py BASE_URL SHOP ACCESS_TOKEN [--bulk N] [--latency-seconds S] [--rate R]
Standard library only.
'''
import argparse
import base64
import datetime
import hashlib
import hmac
import http.server
import json
import sys
import threading
import time
import uuid

from benchhttp import Api, latency_summary


class Receiver(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(('127.0.0.1', 0), Handler)
        self.lock = threading.Lock()
        self.arrivals = {}      # webhook-id -> (arrival time, event timestamp, type)
        self.duplicates = 0
        self.bad_signatures = 0
        self.secret = None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        arrived = time.time()
        server = self.server
        webhook_id = self.headers.get('webhook-id', '')
        stamp = self.headers.get('webhook-timestamp', '')
        signatures = self.headers.get('webhook-signature', '').split(' ')
        valid = False
        if server.secret:
            key = base64.b64decode(server.secret.removeprefix('whsec_'))
            expected = base64.b64encode(hmac.new(key, f'{webhook_id}.{stamp}.'.encode() + body, hashlib.sha256).digest()).decode()
            valid = any(hmac.compare_digest('v1,' + expected, signature) for signature in signatures)
        event = json.loads(body)
        occurred = datetime.datetime.fromisoformat(event['timestamp'].replace('Z', '+00:00')).timestamp()
        with server.lock:
            if not valid:
                server.bad_signatures += 1
            if webhook_id in server.arrivals:
                server.duplicates += 1
            else:
                server.arrivals[webhook_id] = (arrived, occurred, event['type'])
        self.send_response(204)
        self.send_header('Content-Length', '0')
        self.end_headers()


def wait_for(receiver, ids, deadline_s):
    deadline = time.time() + deadline_s
    while time.time() < deadline:
        with receiver.lock:
            if all(i in receiver.arrivals for i in ids):
                return True
        time.sleep(0.05)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('base')
    parser.add_argument('shop')
    parser.add_argument('token')
    parser.add_argument('--bulk', type=int, default=20)
    parser.add_argument('--latency-seconds', type=int, default=30)
    parser.add_argument('--rate', type=int, default=20)
    args = parser.parse_args()
    api = Api(args.base, args.shop, args.token, 'webhook-delivery')

    run = uuid.uuid4().hex[:8]

    # 1. throughput: a backlog of events recorded before the endpoint exists, then replayed to it at once, so that
    # the figure is the delivery rate and not the rate at which products can be written
    def product(i):
        return {'title': f'Hook {run} {i}', 'handle': f'hook-{run}-{i}', 'status': 'active',
                'variants': [{'sku': f'HOOK-{run}-{i}', 'price': {'amount': 1000, 'currency': 'EUR'}}]}
    expected = args.bulk * 100
    window_from = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
    write_started = time.time()
    for batch in range(args.bulk):
        answer = api.ok('POST', '/products/bulk', {'products': [product(batch * 100 + i) for i in range(100)]}, 200)
        if answer['created'] != 100:
            raise SystemExit(f'webhook-delivery: a bulk request created {answer["created"]} of 100')
    written = time.time()
    window_to = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=5)

    receiver = Receiver()
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    url = f'http://127.0.0.1:{receiver.server_address[1]}/hook'
    endpoint = api.ok('POST', '/webhook-endpoints', {'url': url, 'events': ['product.*'], 'description': 'bench'}, 201)
    receiver.secret = endpoint['secret']
    started = time.time()
    replayed = api.ok('POST', f'/webhook-endpoints/{endpoint["id"]}/replay',
                      {'from': window_from.isoformat().replace('+00:00', 'Z'),
                       'to': window_to.isoformat().replace('+00:00', 'Z')}, 202)
    enqueued = time.time()
    if replayed.get('enqueued') != expected:
        raise SystemExit(f'webhook-delivery: the replay enqueued {replayed.get("enqueued")} events, not {expected}')
    deadline = time.time() + 600
    while time.time() < deadline:
        with receiver.lock:
            received = sum(1 for value in receiver.arrivals.values() if value[2] == 'product.created')
        if received >= expected:
            break
        time.sleep(0.05)
    with receiver.lock:
        created = sorted(value[0] for value in receiver.arrivals.values() if value[2] == 'product.created')
    if len(created) < expected:
        raise SystemExit(f'webhook-delivery: {len(created)} of {expected} replayed events arrived within 10 minutes')
    throughput = {'events': expected, 'replay_request_s': round(enqueued - started, 2),
                  'last_delivery_s': round(created[-1] - started, 2),
                  'events_per_s': round(expected / (created[-1] - started), 1),
                  'written_per_s': round(expected / (written - write_started), 1)}

    # 2. latency, at a steady rate of single-product updates
    handles = [f'hook-{run}-{i}' for i in range(min(expected, 400))]
    stop = time.time() + args.latency_seconds
    interval = 4 / args.rate
    sent = [0]
    errors = [0]

    def writer(offset):
        next_at = time.time() + offset * interval / 4
        n = offset
        while time.time() < stop:
            delay = next_at - time.time()
            if delay > 0:
                time.sleep(delay)
            status, _, _ = api.call('PATCH', f'/products/{handles[n % len(handles)]}', {'vendor': f'v{n}'})
            if status == 200:
                sent[0] += 1
            else:
                errors[0] += 1
            n += 4
            next_at += interval
    before = set(receiver.arrivals)
    writers = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    deadline = time.time() + 120
    while time.time() < deadline:
        with receiver.lock:
            updates = [value for key, value in receiver.arrivals.items() if key not in before and value[2] == 'product.updated']
        if len(updates) >= sent[0]:
            break
        time.sleep(0.05)
    latencies = sorted((arrived - occurred) * 1000 for arrived, occurred, _ in updates)
    if len(updates) < sent[0] or not latencies:
        raise SystemExit(f'webhook-delivery: {len(updates)} of {sent[0]} product.updated events arrived')

    result = {
        'throughput': throughput,
        'latency': {'events': len(latencies), 'rate_per_s': args.rate, 'write_errors': errors[0],
                    'ms': latency_summary(latencies, digits=1, mean=False)},
        'duplicates': receiver.duplicates,
        'bad_signatures': receiver.bad_signatures,
        'checks_passed': receiver.bad_signatures == 0,
    }
    json.dump(result, sys.stdout)
    print()
    if receiver.bad_signatures:
        sys.exit(1)


if __name__ == '__main__':
    main()
