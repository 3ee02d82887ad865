package plugin

// Scoring rules pkg/plugin still writes itself, each one small function kept as it was. Issue 12 moves each
// into pkg/scoring (with its TypeScript twin and vectors); the golden frames of testdata/golden prove that
// the move changes no frame. variables.go holds the other one, template-variable expansion.

import (
	"math"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// bandFloor is the score below which a score is in the band or worse.
var bandFloor = map[string]float64{scoring.BandInfo: 90, scoring.BandWarning: 70, scoring.BandCritical: 50}

// inBreach is an mttr condition on a score or sub-score: it has data and is in the band or worse.
func inBreach(score float64, band string) bool { return !math.IsNaN(score) && score < bandFloor[band] }

// scoreThresholds colour a score (0..100) by its band: >= 90 ok, >= 70 info, >= 50 warning, else critical.
func scoreThresholds() *data.ThresholdsConfig {
	return &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
		step(math.Inf(-1), scoring.BandCritical), step(50, scoring.BandWarning), step(70, scoring.BandInfo), step(90, scoring.BandOK),
	}}
}

// valueThresholds colour a raw value by the band its sub-score falls in, so a value and its sub-score always
// show the same colour: the sub-score is 90 at a third of the way from target to warning, 70 at warning and
// 50 at critical. Grafana colours a value >= a step's value, hence the next float up on the lower-is-better side.
func valueThresholds(t scoring.Thresholds, higher bool) *data.ThresholdsConfig {
	if higher {
		return &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
			step(math.Inf(-1), scoring.BandCritical), step(t.Critical, scoring.BandWarning), step(t.Warning, scoring.BandInfo),
			step(t.Target-(t.Target-t.Warning)/3, scoring.BandOK),
		}}
	}
	up := func(v float64) float64 { return math.Nextafter(v, math.Inf(1)) }
	return &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
		step(math.Inf(-1), scoring.BandOK), step(up(t.Target+(t.Warning-t.Target)/3), scoring.BandInfo),
		step(up(t.Warning), scoring.BandWarning), step(up(t.Critical), scoring.BandCritical),
	}}
}

// Whether an SLA objective is met, as the field configs of the SLA numbers colour it: availability against
// the target, budget against zero, latency compliance against the latency target.
func availabilityConfig(s scoring.SLA, name string) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percent", Decimals: ptr(uint16(3)), Thresholds: &data.ThresholdsConfig{
		Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{step(math.Inf(-1), scoring.BandCritical), step(s.Target, scoring.BandOK)}}}
}

func budgetConfig(name string) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percentunit", Decimals: ptr(uint16(1)), Thresholds: &data.ThresholdsConfig{
		Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{step(math.Inf(-1), scoring.BandCritical), step(0, scoring.BandOK)}}}
}

func complianceConfig(s scoring.SLA) *data.FieldConfig {
	return &data.FieldConfig{Unit: "percentunit", Decimals: ptr(uint16(2)), Thresholds: &data.ThresholdsConfig{
		Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{step(math.Inf(-1), scoring.BandCritical), step(s.LatencyTarget/100, scoring.BandOK)}}}
}

// mttrConfig colours an MTTR over the profile's MTTR target as critical: the objective is met up to it.
func mttrConfig(target float64) *data.FieldConfig {
	cfg := &data.FieldConfig{DisplayNameFromDS: "MTTR", Unit: "s"}
	if target > 0 {
		cfg.Thresholds = &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
			step(math.Inf(-1), scoring.BandOK), step(math.Nextafter(target, math.Inf(1)), scoring.BandCritical)}}
	}
	return cfg
}
