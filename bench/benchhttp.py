'''The small HTTP client the Python scenarios of bench/run share (commerce.py, reservation_rush.py,
webhook_delivery.py): one shop's API over keep-alive HTTP/1.1 with JSON bodies, latency percentiles, and the
inventory ledger check. Standard library only.
'''
import http.client
import json
import threading
import urllib.parse


class Api:
    '''Calls under /api/v1/shops/SHOP. Each thread keeps its own connection, unless a call is given one; NAME
    prefixes the message of a failed `ok`.'''

    def __init__(self, base, shop, token, name):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.prefix = '/api/v1/shops/' + shop
        self.token = token
        self.name = name
        self.local = threading.local()

    def connect(self, timeout=60):
        '''A new connection to the server, not yet opened.'''
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def connection(self):
        '''This thread's connection.'''
        if getattr(self.local, 'connection', None) is None:
            self.local.connection = self.connect()
        return self.local.connection

    def call(self, method, path, body=None, headers=None, staff=True, connection=None):
        '''(status, JSON answer or None, the response for its headers). Sends the access token when STAFF. On this
        thread's connection a request that fails (a keep-alive connection the server closed) is sent once more, on a
        new connection; on a given CONNECTION it is not.'''
        sent = {'Content-Type': 'application/json'}
        if staff:
            sent['Authorization'] = 'Bearer ' + self.token
        sent.update(headers or {})
        payload = json.dumps(body) if body is not None else None
        for attempt in range(1 if connection else 2):
            current = connection or self.connection()
            try:
                current.request(method, self.prefix + path, payload, sent)
                response = current.getresponse()
                text = response.read().decode()
                return response.status, json.loads(text) if text else None, response
            except (OSError, http.client.HTTPException):
                current.close()
                if not connection:
                    self.local.connection = None
                if connection or attempt:
                    raise

    def ok(self, method, path, body, status, headers=None, staff=True):
        '''The answer of a call that must answer STATUS (one status or a tuple of them); exits otherwise.'''
        got, answer, _ = self.call(method, path, body, headers, staff)
        if got not in (status if isinstance(status, tuple) else (status,)):
            raise SystemExit(f'{self.name}: {method} {path} answered {got}: {answer}')
        return answer


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def latency_summary(sorted_ms, digits=3, mean=True):
    '''p50, p90, p99, max (and mean) of sorted latencies in milliseconds.'''
    summary = {name: round(percentile(sorted_ms, fraction), digits)
               for name, fraction in (('p50', 0.50), ('p90', 0.90), ('p99', 0.99))}
    summary['max'] = round(sorted_ms[-1], digits)
    if mean:
        summary['mean'] = round(sum(sorted_ms) / len(sorted_ms), digits)
    return summary


def ledger_balances(api, variant, location):
    '''(whether the variant's movements at LOCATION sum to its level there, the level).'''
    on_hand = reserved = 0
    cursor = None
    while True:
        page = api.ok('GET', f'/inventory-movements?limit=100&variant_id={variant}&location_id={location}'
                      + (f'&after={cursor}' if cursor else ''), None, 200)
        for movement in page['data']:
            on_hand += movement['on_hand_delta']
            reserved += movement['reserved_delta']
        if not page['has_more']:
            break
        cursor = page['next_cursor']
    level = api.ok('GET', f'/inventory-levels?variant_id={variant}&location_id={location}', None, 200)['data'][0]
    return level['on_hand'] == on_hand and level['reserved'] == reserved, level
