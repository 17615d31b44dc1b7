"""Understanding Chinese and English office messages: times, intents and slots."""
