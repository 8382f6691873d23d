"""Real-browser tests: the built site as a reader sees it in Chromium, driven by Playwright."""
