"""``GET http://node/@@health``: the checks of health.py as JSON, 200 when
the instance is fit to serve, 503 when not. Anonymous (the balancer asks),
so the answer holds only the checks' words; nothing is written."""

import json
import logging

import transaction
from Products.Five.browser import BrowserView

from mittelangeln.policy.monitoring import health


logger = logging.getLogger(__name__)


class HealthView(BrowserView):
    def __call__(self):
        try:
            status, answer = health.health(self.context._p_jar)
        except Exception:  # never a traceback page for the balancer
            logger.exception("health check failed")
            status, answer = 503, {"status": health.ERROR, "checks": {}}
        finally:
            try:
                transaction.abort()
            except Exception:
                logger.warning("health check: abort failed", exc_info=True)
        response = self.request.response
        response.setStatus(status)
        response.setHeader("Content-Type", "application/json; charset=utf-8")
        response.setHeader("Cache-Control", "no-store")
        return json.dumps(answer)
