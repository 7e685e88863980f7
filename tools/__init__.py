"""Scripts and helpers for people and CI: screenshots, the local CRM, the self-test."""
