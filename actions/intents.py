"""Intent groups the dialogue logic needs (names as in domain.yml)."""

FOLLOW_UP = frozenset({"inform"})

# Questions with an answer of their own; a later "inform" continues the last of them.
TOPIC_INTENTS = frozenset({
    "kpnpay_what", "kpnpay_setup", "kpnpay_option_missing", "kpnpay_sms_code",
    "kpnpay_limits", "kpnpay_budget", "kpnpay_account_type", "kpnpay_invoice",
    "kpnpay_view_purchases", "kpnpay_problem", "kpnpay_remove", "kpnpay_flitsmeister",
    "kpnpay_default_method",
    "ask_plan", "ask_kids_plan", "ask_tablet_plan", "ask_connection_fee",
    "ask_unlimited_data", "ask_data_sharing", "ask_speed", "ask_notifications",
    "ask_carry_over", "ask_contract_term", "ask_plan_change", "ask_inflation_correction",
    "ask_device_instalments", "ask_discount", "ask_price_validity", "ask_out_of_bundle",
    "ask_foreign_rates", "ask_fair_use", "ask_internet_block",
    "ask_buitenland_bundle", "ask_bundle_advice", "ask_bundle_validity",
    "ask_bundle_activation", "ask_bundle_used_up", "ask_nl_eu_bundle",
    "ask_extra_options", "ask_insurance", "ask_voicemail", "ask_service_numbers",
    "ask_service_fees",
})

# Questions whose answer can depend on a foreign country. A question NLU files under
# another topic while naming a foreign country ("Geldt mijn abonnement ook in IJsland?")
# is re-read as the best-ranked of these.
COUNTRY_AWARE = frozenset({
    "ask_foreign_rates", "ask_fair_use", "ask_internet_block",
    "ask_buitenland_bundle", "ask_bundle_advice", "ask_bundle_validity", "ask_bundle_activation",
    "ask_bundle_used_up", "ask_nl_eu_bundle", "ask_unlimited_data", "ask_voicemail",
    "ask_service_numbers", "speak_english", "inform",
})
