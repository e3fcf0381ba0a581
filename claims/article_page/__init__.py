"""The article page: the article's text with its claims highlighted and the window of the claim list."""
