package plugin

// The library's rules as Grafana field configs: the threshold steps that colour scores, raw values and SLA
// objectives come from pkg/scoring (bands, value steps, objective thresholds), so a frame colours a number
// as the panels and the CLI judge it.

import (
	"math"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

func thresholdsOf(steps []scoring.BandStep) *data.ThresholdsConfig {
	out := &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute}
	for _, s := range steps {
		out.Steps = append(out.Steps, step(s.From, s.Band))
	}
	return out
}

// scoreThresholds colour a score (0..100) by its band.
func scoreThresholds() *data.ThresholdsConfig { return thresholdsOf(scoring.ScoreSteps()) }

// valueThresholds colour a raw value by the band its sub-score falls in.
func valueThresholds(t scoring.Thresholds, higher bool) *data.ThresholdsConfig {
	return thresholdsOf(scoring.ValueSteps(t, higher))
}

// objectiveThresholds colour an SLA objective's value (in the field's unit: scale times the library's) ok where
// it is met, critical where not; none when its threshold is unknown.
func objectiveThresholds(objective string, s scoring.SLA, scale float64) *data.ThresholdsConfig {
	threshold := scoring.ObjectiveThreshold(objective, scoring.TargetsOf(s)) * scale
	switch {
	case math.IsNaN(threshold):
		return nil
	case objective == scoring.ObjectiveMTTR: // met at or below: critical from the next double up
		return thresholdsOf([]scoring.BandStep{{From: math.Inf(-1), Band: scoring.BandOK},
			{From: math.Nextafter(threshold, math.Inf(1)), Band: scoring.BandCritical}})
	}
	return thresholdsOf([]scoring.BandStep{{From: math.Inf(-1), Band: scoring.BandCritical}, {From: threshold, Band: scoring.BandOK}})
}

func availabilityConfig(s scoring.SLA, name string) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percent", Decimals: ptr(uint16(3)),
		Thresholds: objectiveThresholds(scoring.ObjectiveAvailability, s, 1)}
}

func budgetConfig(s scoring.SLA, name string) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percentunit", Decimals: ptr(uint16(1)),
		Thresholds: objectiveThresholds(scoring.ObjectiveBudget, s, 1)}
}

func complianceConfig(s scoring.SLA) *data.FieldConfig {
	return &data.FieldConfig{Unit: "percentunit", Decimals: ptr(uint16(2)),
		Thresholds: objectiveThresholds(scoring.ObjectiveLatency, s, 1)}
}

// mttrConfig is an MTTR in seconds against the profile's MTTR target (the library's, in ms).
func mttrConfig(s scoring.SLA) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: "MTTR", Unit: "s", Thresholds: objectiveThresholds(scoring.ObjectiveMTTR, s, 1e-3)}
}
