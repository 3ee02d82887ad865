package scoring

// GateKey is a key indicator's sub-score (NaN: no data).
type GateKey struct {
	ID       string
	SubScore float64
}

// GateRule is what the gate of `perfscope check` requires.
type GateRule struct {
	MinScore float64 `json:"minScore"`
	// AllowMissing lets missing data (no score, a key indicator without data) pass instead of failing.
	AllowMissing bool `json:"allowMissing"`
}

// GateVerdict is why the gate fails; it passes when Fails is false.
type GateVerdict struct {
	Fails         bool     `json:"fails"`
	NoScore       bool     `json:"noScore"`
	BelowMinScore bool     `json:"belowMinScore"`
	CriticalKeys  []string `json:"criticalKeys"`
	MissingKeys   []string `json:"missingKeys"`
}

// Gate judges one time: it fails when the score is below MinScore, when a key indicator is critical, and,
// unless missing data is allowed, when there is no score or a key indicator has no data. As gate in
// src/scoring/gate.ts.
func Gate(score float64, keys []GateKey, rule GateRule) GateVerdict {
	v := GateVerdict{
		NoScore:       !HasData(score) && !rule.AllowMissing,
		BelowMinScore: HasData(score) && score < rule.MinScore,
		CriticalKeys:  []string{},
		MissingKeys:   []string{},
	}
	for _, k := range keys {
		if AtOrWorse(k.SubScore, BandCritical) {
			v.CriticalKeys = append(v.CriticalKeys, k.ID)
		}
		if !rule.AllowMissing && !HasData(k.SubScore) {
			v.MissingKeys = append(v.MissingKeys, k.ID)
		}
	}
	v.Fails = v.NoScore || v.BelowMinScore || len(v.CriticalKeys) > 0 || len(v.MissingKeys) > 0
	return v
}
