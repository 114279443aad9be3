"""comity: political event data from news articles.

Events, not reports; the event's own date with its precision; every row
traceable to the sentence that justified it.
"""

__version__ = "0.1.0"
