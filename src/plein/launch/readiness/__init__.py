"""The readiness check against the "empty disco": the checks registered by the apps
(plein.core.registries.readiness) run into a checklist and a score (`selectors.report`), the
community manager's thresholds (`services.readiness_thresholds_update`) and their pages
(`views`)."""
