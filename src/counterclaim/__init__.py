"""counterclaim: who claims what in conflict and political news."""

from .analyze import analyze, analyze_article, analyze_many
from .errors import CounterclaimError
from .records import Analysis, Article

__all__ = ["Analysis", "Article", "CounterclaimError", "analyze", "analyze_article", "analyze_many"]
__version__ = "0.1.0"
