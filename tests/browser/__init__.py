"""Real-browser tests: Playwright drives headless Chromium against the built site."""
