#!/usr/bin/env python3
'''The commerce scenarios of bench/run: carts and checkout over the storefront API, and the orders placed by them.

Subcommands (each prints one JSON object to stdout, or the carts file for `carts`; exits 1 when a check fails):
  setup      a stock location, the Germany shipping zone (flat 4.90), 19 % VAT and three products with stock, saved in
             the state file; later subcommands read it.
  carts N    N guest carts, each with LINES lines of the setup's products (one unit each) and, with --ready, an email,
             a German address and the shipping rate; prints one "cart_id cart_token variant_id" line per cart.
  checkout   N ready carts of 1 unit each (outside the measurement), then checkouts with CLIENTS concurrent workers,
             each with its own Idempotency-Key (a 503 is retried after Retry-After with the same key and counted).
             --mode cold: every cart buys a different variant; --mode hot: every cart buys the same one. Checks that
             every checkout answered 201 paid, that the shop has N more orders and, for hot, that on hand fell by N,
             nothing stays reserved and the movement ledger sums to the level. With --server-pid, also reports the
             CPU time of the server, of the machine and of this client during the checkouts alone.

Usage: commerce.py BASE_URL SHOP ACCESS_TOKEN STATE_FILE SUBCOMMAND [...]
Standard library only.
'''
import argparse
import concurrent.futures
import http.client
import json
import os
import queue
import sys
import threading
import time
import uuid

from benchhttp import Api, latency_summary, ledger_balances

ADDRESS = {'name': 'Bench Buyer', 'line1': 'Hauptstrasse 1', 'city': 'Berlin', 'postal_code': '10115', 'country': 'DE'}
PAYMENT = {'payment': {'gateway': 'test', 'payment_method': 'pm_card_visa'}}
PREPARE_WORKERS = 8
CLOCK_TICKS = os.sysconf('SC_CLK_TCK')


def product(api, location, stock):
    handle = 'bench-' + uuid.uuid4().hex[:12]
    made = api.ok('POST', '/products', {'title': 'Bench ' + handle, 'handle': handle, 'status': 'active',
                                        'variants': [{'price': {'amount': 1000, 'currency': 'EUR'}}]}, 201)
    variant = made['variants'][0]['id']
    api.ok('POST', '/inventory-adjustments', {'variant_id': variant, 'location_id': location, 'delta': stock,
                                              'reason': 'bench'}, 201)
    return variant


def parallel(function, items):
    with concurrent.futures.ThreadPoolExecutor(PREPARE_WORKERS) as pool:
        return list(pool.map(function, items))


def cart(api, variants, rate, ready):
    made = api.ok('POST', '/carts', {}, 201, staff=False)
    token = {'Cart-Token': made['token']}
    for variant in variants:
        api.ok('POST', f'/carts/{made["id"]}/lines', {'variant_id': variant, 'quantity': 1}, (200, 201), token, staff=False)
    if ready:
        answer = api.ok('PATCH', f'/carts/{made["id"]}', {'email': f'buyer-{uuid.uuid4().hex[:10]}@bench.test',
                                                          'shipping_address': ADDRESS}, 200, token, staff=False)
        offered = [offer['id'] for offer in answer.get('shipping_rates') or []]
        if rate not in offered:
            raise SystemExit(f'commerce: the cart is not offered the Standard rate {rate}: {offered}')
        api.ok('PATCH', f'/carts/{made["id"]}', {'shipping_rate_id': rate}, 200, token, staff=False)
    return made['id'], made['token']


def count_orders(api):
    count, cursor = 0, None
    while True:
        page = api.ok('GET', '/orders?limit=100' + (f'&after={cursor}' if cursor else ''), None, 200)
        count += len(page['data'])
        if not page.get('has_more'):
            return count
        cursor = page['next_cursor']


def setup(api, state):
    location = api.ok('POST', '/stock-locations', {'name': 'Bench ' + uuid.uuid4().hex[:8]}, 201)['id']
    zone = api.ok('POST', '/shipping-zones', {'name': 'Germany', 'countries': [{'code': 'DE'}], 'rates': [
        {'name': 'Standard', 'kind': 'flat', 'price': {'amount': 490, 'currency': 'EUR'}}]}, 201)
    api.ok('POST', '/tax-rates', {'name': 'VAT', 'country': 'DE', 'rate': '19'}, 201)
    variants = [product(api, location, 1_000_000) for _ in range(3)]
    state.update({'location': location, 'rate': zone['rates'][0]['id'], 'variants': variants})
    return state


def cpu_ticks(server_pid):
    '''CPU time so far in clock ticks: (the server process's user + system, the machine's busy, this process's).'''
    server = 0
    if server_pid:
        with open(f'/proc/{server_pid}/stat') as stat:
            fields = stat.read().rsplit(')', 1)[1].split()
        server = int(fields[11]) + int(fields[12])
    with open('/proc/stat') as stat:
        cpu = [int(value) for value in stat.readline().split()[1:]]
    own = os.times()
    return server, cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + cpu[7], (own.user + own.system) * CLOCK_TICKS


def cpu_seconds(before, after, requests):
    '''The measured phase's CPU: the server's (and per request), the machine's busy time, this client's, the rest.'''
    server, busy, client = ((later - earlier) / CLOCK_TICKS for earlier, later in zip(before, after))
    return {'server_s': round(server, 2), 'server_ms_per_request': round(server * 1000 / requests, 3),
            'machine_busy_s': round(busy, 2), 'client_s': round(client, 2),
            'other_s': round(busy - server - client, 2)}


def checkout(api, state, mode, checkouts, clients, server_pid):
    location, rate = state['location'], state['rate']
    began = time.perf_counter()
    if mode == 'cold':
        variants = parallel(lambda _: product(api, location, 10), range(checkouts))
    else:
        variants = [product(api, location, checkouts)] * checkouts
    carts = parallel(lambda variant: cart(api, [variant], rate, True), variants)
    prepared_s = time.perf_counter() - began
    orders_before = count_orders(api)

    work = queue.Queue()
    for item in carts:
        work.put(item)
    results, lock = [], threading.Lock()
    start = threading.Barrier(clients + 1)

    def worker():
        api.connection().connect()  # connected before the start: the run measures checkouts, not TCP handshakes
        start.wait()
        while True:
            try:
                cart_id, token = work.get_nowait()
            except queue.Empty:
                return
            key, retries, first = str(uuid.uuid4()), 0, time.perf_counter()
            while True:
                sent = time.perf_counter()
                try:
                    status, answer, response = api.call('POST', f'/carts/{cart_id}/checkout', PAYMENT,
                                                        {'Cart-Token': token, 'Idempotency-Key': key}, staff=False)
                    retry_after = response.getheader('Retry-After')
                except (OSError, http.client.HTTPException) as error:
                    status, answer, retry_after = 'error: ' + type(error).__name__, None, None
                took = (time.perf_counter() - sent) * 1000
                if status == 503 and retries < 20:
                    retries += 1
                    time.sleep(min(float(retry_after or 1), 2.0))
                    continue
                break
            paid = status == 201 and answer and answer.get('status') == 'paid'
            with lock:
                results.append({'status': status, 'paid': bool(paid), 'retries': retries, 'last_ms': took,
                                'total_ms': (time.perf_counter() - first) * 1000,
                                'order': answer.get('id') if isinstance(answer, dict) else None,
                                'answer': None if paid else answer})

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    load_before, run_began, cpu_before = os.getloadavg()[0], time.perf_counter(), cpu_ticks(server_pid)
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - run_began, cpu_seconds(cpu_before, cpu_ticks(server_pid), checkouts)

    orders_after = count_orders(api)
    statuses = {}
    for result in results:
        statuses[str(result['status'])] = statuses.get(str(result['status']), 0) + 1
    paid = sum(1 for result in results if result['paid'])
    distinct = len({result['order'] for result in results if result['paid']})
    checks = {'all_paid': paid == checkouts, 'distinct_orders': distinct,
              'orders_added': orders_after - orders_before, 'orders_added_equals_checkouts':
                  orders_after - orders_before == checkouts}
    if mode == 'hot':
        balanced, level = ledger_balances(api, variants[0], location)
        checks.update({'on_hand': level['on_hand'], 'reserved': level['reserved'],
                       'on_hand_fell_by_orders': level['on_hand'] == checkouts - paid and paid == checkouts,
                       'nothing_reserved': level['reserved'] == 0, 'ledger_balances': balanced})
    passed = all(value for name, value in checks.items() if isinstance(value, bool))
    latencies = sorted(result['total_ms'] for result in results)
    output = {
        'requests': len(results),
        'requests_per_s': round(len(results) / wall, 1) if wall else None,
        'latency_ms': latency_summary(latencies),
        'errors': len(results) - paid,
        'statuses': statuses,
        'cpu': cpu,
        'load_average_1m': {'before': round(load_before, 2), 'after': round(os.getloadavg()[0], 2)},
        'checkout': {'mode': mode, 'checkouts': checkouts, 'clients': clients, 'measured_wall_s': round(wall, 3),
                     'prepare_s': round(prepared_s, 1), 'retried_503': sum(r['retries'] for r in results),
                     'checkouts_retried': sum(1 for r in results if r['retries']),
                     'variants': len(set(variants)), 'checks': checks, 'checks_passed': passed,
                     'refused_examples': [r['answer'] for r in results if not r['paid']][:3]},
    }
    print(json.dumps(output))
    if not passed:
        print('commerce: checks failed: ' + json.dumps(checks), file=sys.stderr)
        sys.exit(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('base')
    parser.add_argument('shop')
    parser.add_argument('token')
    parser.add_argument('state')
    parser.add_argument('command', choices=['setup', 'carts', 'checkout'])
    parser.add_argument('count', type=int, nargs='?', default=200)
    parser.add_argument('--lines', type=int, default=1)
    parser.add_argument('--ready', action='store_true')
    parser.add_argument('--mode', choices=['cold', 'hot'], default='cold')
    parser.add_argument('--checkouts', type=int, default=1000)
    parser.add_argument('--clients', type=int, default=16)
    parser.add_argument('--server-pid', type=int, help="the server's process id, for its CPU time during the checkouts")
    args = parser.parse_args()
    api = Api(args.base, args.shop, args.token, 'commerce')
    state = json.load(open(args.state)) if os.path.exists(args.state) else {}
    if args.command == 'setup':
        if not state:
            json.dump(setup(api, state), open(args.state, 'w'))
        print(json.dumps(state))
    elif args.command == 'carts':
        variants = state['variants']
        made = parallel(lambda i: (cart(api, [variants[(i + k) % len(variants)] for k in range(args.lines)],
                                        state['rate'], args.ready), variants[i % len(variants)]), range(args.count))
        for (cart_id, token), variant in made:
            print(cart_id, token, variant)
    else:
        checkout(api, state, args.mode, args.checkouts, args.clients, args.server_pid)


if __name__ == '__main__':
    main()
