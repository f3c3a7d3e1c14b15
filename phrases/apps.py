from django.apps import AppConfig


class PhrasesConfig(AppConfig):
    name = "phrases"
    verbose_name = "Phrase bank"
