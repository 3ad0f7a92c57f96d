#!/usr/bin/env python3
'''The reservation-rush scenario of bench/run: checkout's hot spot, many buyers racing for the last units.

For each round: a new product with one tracked variant and UNITS units at one location, then REQUESTS reservation
requests of one unit each, all started at once (one thread and one connection per request, released together),
against the same variant. Checks that exactly UNITS succeeded (201) and the rest were refused (409
insufficient_stock), that available is 0 and reserved UNITS, and that the movement ledger sums to the level. The first
WARMUP rounds are not measured. Writes one JSON object to stdout; exits 1 when a check fails.

Usage: reservation_rush.py BASE_URL SHOP ACCESS_TOKEN [--rounds N] [--warmup N] [--requests N] [--units N]
Standard library only.
'''
import argparse
import http.client
import json
import sys
import threading
import time
import uuid

from benchhttp import Api, latency_summary, ledger_balances


def rush(api, variant, requests):
    '''REQUESTS concurrent reservations of one unit: (statuses, latencies in ms, wall time in s).'''
    statuses, latencies = [None] * requests, [0.0] * requests
    connections = [api.connect(timeout=30) for _ in range(requests)]
    for connection in connections:
        connection.connect()  # connected before the start: the rush measures requests, not TCP handshakes
    start = threading.Barrier(requests + 1)
    body = {'lines': [{'variant_id': variant, 'quantity': 1}], 'reference': 'reservation-rush'}

    def one(i):
        start.wait()
        began = time.perf_counter()
        try:
            statuses[i] = api.call('POST', '/inventory-reservations', body, connection=connections[i])[0]
        except (OSError, http.client.HTTPException) as error:
            statuses[i] = 'error: ' + type(error).__name__
        latencies[i] = (time.perf_counter() - began) * 1000
        connections[i].close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(requests)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return statuses, latencies, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('base')
    parser.add_argument('shop')
    parser.add_argument('token')
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--requests', type=int, default=200)
    parser.add_argument('--units', type=int, default=50)
    args = parser.parse_args()
    api = Api(args.base, args.shop, args.token, 'reservation-rush')
    location = api.ok('POST', '/stock-locations', {'name': 'Rush ' + uuid.uuid4().hex[:8]}, 201)['id']

    statuses, latencies, wall, failures, rounds = {}, [], 0.0, [], []
    for round_number in range(args.warmup + args.rounds):
        measured = round_number >= args.warmup
        handle = 'rush-' + uuid.uuid4().hex[:12]
        product = api.ok('POST', '/products', {'title': 'Rush ' + handle, 'handle': handle, 'status': 'active',
                                               'variants': [{'price': {'amount': 1000, 'currency': 'EUR'}}]}, 201)
        variant = product['variants'][0]['id']
        api.ok('POST', '/inventory-adjustments', {'variant_id': variant, 'location_id': location, 'delta': args.units,
                                                  'reason': 'reservation-rush'}, 201)
        got, took, seconds = rush(api, variant, args.requests)
        succeeded = got.count(201)
        item = api.ok('GET', '/inventory-items/' + variant, None, 200)
        balanced = ledger_balances(api, variant, location)[0]
        checks = {'round': round_number + 1, 'measured': measured, 'succeeded': succeeded,
                  'refused': got.count(409), 'available': item['available'], 'reserved': item['reserved'],
                  'ledger_balances': balanced}
        rounds.append(checks)
        if (succeeded != args.units or got.count(409) != args.requests - args.units or item['available'] != 0
                or item['reserved'] != args.units or not balanced):
            failures.append(checks)
        if measured:
            for status in got:
                statuses[str(status)] = statuses.get(str(status), 0) + 1
            latencies.extend(took)
            wall += seconds

    latencies.sort()
    requests = len(latencies)
    print(json.dumps({
        'requests': requests,
        'requests_per_s': round(requests / wall, 1) if wall else None,
        'latency_ms': latency_summary(latencies),
        # Every status but the expected 201s and 409s is an error.
        'errors': sum(count for status, count in statuses.items() if status not in ('201', '409')),
        'statuses': statuses,
        'rush': {'requests_per_round': args.requests, 'units': args.units, 'rounds': args.rounds,
                 'warmup_rounds': args.warmup, 'measured_wall_s': round(wall, 3), 'checks_passed': not failures,
                 'per_round': rounds},
    }))
    if failures:
        print('reservation-rush: checks failed: ' + json.dumps(failures), file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
