'''The small HTTP client and latency summary that bench/run's Python scenarios share. Standard library only.'''
import http.client
import json
import threading
import urllib.parse


class Api:
    '''Calls one shop's API (`/api/v1/shops/SHOP…`) as the bearer of TOKEN, over one keep-alive connection per thread.'''

    def __init__(self, base, shop, token, name='bench', timeout=60):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.prefix = '/api/v1/shops/' + shop
        self.token = token
        self.name = name
        self.timeout = timeout
        self.local = threading.local()

    def connection(self):
        if getattr(self.local, 'connection', None) is None:
            self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.local.connection

    def call(self, method, path, body=None, headers=None, staff=True, connection=None):
        '''(status, JSON answer or None, Retry-After or None). With CONNECTION, uses it as is (no reconnect); else
        the thread's, reconnected once when the server closed it.'''
        sent = {'Content-Type': 'application/json'}
        if staff:
            sent['Authorization'] = 'Bearer ' + self.token
        sent.update(headers or {})
        payload = json.dumps(body) if body is not None else None
        for attempt in range(1 if connection else 2):
            used = connection or self.connection()
            try:
                used.request(method, self.prefix + path, payload, sent)
                response = used.getresponse()
                text = response.read().decode()
                return response.status, json.loads(text) if text else None, response.getheader('Retry-After')
            except (OSError, http.client.HTTPException):
                used.close()
                if connection or attempt:
                    raise
                self.local.connection = None

    def ok(self, method, path, body, status, headers=None, staff=True):
        '''The answer, or exit naming the call when its status is not STATUS (an int or a tuple of them).'''
        got, answer, _ = self.call(method, path, body, headers, staff)
        if got not in (status if isinstance(status, tuple) else (status,)):
            raise SystemExit(f'{self.name}: {method} {path} answered {got}: {answer}')
        return answer


def percentile(sorted_values, fraction):
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def latency_summary(sorted_values, digits=3):
    '''p50, p90, p99, max and mean of latencies sorted ascending (the scenarios' `latency_ms`).'''
    return {'p50': round(percentile(sorted_values, 0.50), digits), 'p90': round(percentile(sorted_values, 0.90), digits),
            'p99': round(percentile(sorted_values, 0.99), digits), 'max': round(sorted_values[-1], digits),
            'mean': round(sum(sorted_values) / len(sorted_values), digits)}
