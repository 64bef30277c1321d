package ui

import "charm.land/lipgloss/v2"

// Styles holds every style the screens use; View code reads them, never builds new ones.
type Styles struct {
	Title, TabActive, TabInactive, Header, Selected, Muted, Error, Warning, OK, Status, Path,
	Label, FocusLabel, Input, Section, Big, BigName, Dialog, KeyHint lipgloss.Style
}

// DefaultStyles uses the 16 basic colours so it reads the same in conhost, Windows
// Terminal and on a projector with poor contrast.
func DefaultStyles() Styles {
	accent := lipgloss.Color("4")
	return Styles{
		Title:       lipgloss.NewStyle().Bold(true),
		TabActive:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("15")).Background(accent),
		TabInactive: lipgloss.NewStyle().Foreground(lipgloss.Color("7")),
		Header:      lipgloss.NewStyle().Bold(true).Underline(true),
		Selected:    lipgloss.NewStyle().Reverse(true),
		Muted:       lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
		Error:       lipgloss.NewStyle().Foreground(lipgloss.Color("9")).Bold(true),
		Warning:     lipgloss.NewStyle().Foreground(lipgloss.Color("11")),
		OK:          lipgloss.NewStyle().Foreground(lipgloss.Color("10")),
		Status:      lipgloss.NewStyle().Foreground(lipgloss.Color("14")),
		Path:        lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
		Label:       lipgloss.NewStyle(),
		FocusLabel:  lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("14")),
		Input:       lipgloss.NewStyle(),
		Section:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("12")),
		Big:         lipgloss.NewStyle().Bold(true),
		BigName:     lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("15")).Background(accent).Padding(0, 2),
		Dialog:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1),
		KeyHint:     lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
	}
}
