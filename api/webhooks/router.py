"""The webhooks domain's routers."""

from api.webhooks.subscriptions.router import router as subscriptions

routers = [subscriptions]
