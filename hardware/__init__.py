"""Card readers. A leaf package: it imports nothing from the rest of the project.

Each reader owns one thread and reports what it reads as `events.CardRead`.
"""
