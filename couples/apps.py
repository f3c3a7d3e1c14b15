from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "couples"
    verbose_name = "Couple mode"

    def ready(self) -> None:
        from assessment.signals import result_created

        from . import services

        result_created.connect(services.pair_on_result, dispatch_uid="couples-pair-on-result")
