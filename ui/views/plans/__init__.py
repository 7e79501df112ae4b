"""Views of the plans: the rollout Gantt, the training calendar and the plan settings."""
