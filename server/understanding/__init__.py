"""Understanding of text, decided once inside the NLU pipeline.

`reading` reads what a message plainly says through knowledge/ (countries with their
roles, quantities, amounts, dates, platform, ...); `intents` names the intent groups and
corrects the classifier where the message plainly says otherwise; `component` is the Rasa
graph component that puts both on the message. Pure modules import no Rasa code, so the
action server can share `intents` without loading the NLU.
"""
