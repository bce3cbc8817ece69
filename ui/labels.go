package ui

import "khatt/i18n"

// Labels is the table of interface strings (package i18n).
type Labels = i18n.Labels

// The two tables.
var (
	Arabic  = i18n.Arabic
	English = i18n.English
)

// LabelsFor returns the table for a language tag ("ar", "en").
func LabelsFor(lang string) (Labels, error) { return i18n.For(lang) }

// shortID is a source ID as people cite it.
func shortID(id string) string { return i18n.ShortID(id) }
