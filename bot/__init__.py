"""newsbot: turn an article or a link into a short digest (key points and named actors), fully offline."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/newsbot-project/newsbot"
