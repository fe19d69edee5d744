"""Quizzes: pure question generation (``generate``), directives, rendering and exports."""
