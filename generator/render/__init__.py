"""Pure rendering: model + locale → page text. No file is read or written here."""
