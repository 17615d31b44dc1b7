"""Leader digests: daily brief, urgent pushes and quiet hours, the weekly plan, and charts."""

from bot.digests import (  # noqa: F401 - importing registers the sections, pre-parsers and due jobs
    brief,
    charts_chat,
    providers,
    templates,
    weekly,
)
from bot.digests.push import push_or_hold, push_urgent  # noqa: F401 - the API other capabilities call
