"""Personal voice: Style › Learn My Voice…, voice choice, example paragraphs."""
