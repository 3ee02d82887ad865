package presets

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/perfscope/perfscope/pkg/internal/jsondiff"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// The presets section of the shared vectors (testdata/vectors/presets.json, written by `npm run vectors` from
// src/scoring/vectors) holds the Go queries to the TypeScript ones, byte for byte.

// vectorNumber is a number of the vectors: a JSON number, or "NaN", "+Inf", "-Inf".
type vectorNumber float64

func (n *vectorNumber) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"NaN"`:
		*n = vectorNumber(math.NaN())
	case `"+Inf"`:
		*n = vectorNumber(math.Inf(1))
	case `"-Inf"`:
		*n = vectorNumber(math.Inf(-1))
	default:
		return json.Unmarshal(b, (*float64)(n))
	}
	return nil
}

type presetsInput struct {
	Kind             string
	Preset           string
	Label            string
	LatencyThreshold float64
	Threshold        float64
	Buckets          []vectorNumber
	Spellings        [][2]json.RawMessage
	Choice           struct {
		ServiceLabel string
		HTTP         string
		Resources    string
		Buckets      []float64
		Spellings    [][2]json.RawMessage
	}
	Base *scoring.Profile
}

func spellingsOf(t *testing.T, pairs [][2]json.RawMessage) Spellings {
	t.Helper()
	if pairs == nil {
		return nil
	}
	out := Spellings{}
	for _, p := range pairs {
		var bound float64
		var text string
		if json.Unmarshal(p[0], &bound) != nil || json.Unmarshal(p[1], &text) != nil {
			t.Fatalf("spelling %s", p)
		}
		out[bound] = text
	}
	return out
}

func httpPreset(t *testing.T, id string) *HTTPPreset {
	t.Helper()
	p, ok := All().ByID(id)
	if !ok || p.HTTP == nil {
		t.Fatalf("no HTTP preset %q", id)
	}
	return p.HTTP
}

func resourcePreset(t *testing.T, id string) *ResourcePreset {
	t.Helper()
	p, ok := All().ByID(id)
	if !ok || p.Resources == nil {
		t.Fatalf("no resource preset %q", id)
	}
	return p.Resources
}

// evaluate runs one case through the Go twin; its answer is compared as JSON with the expected one.
func evaluate(t *testing.T, in presetsInput) any {
	t.Helper()
	var buckets []float64
	if in.Buckets != nil {
		buckets = make([]float64, len(in.Buckets))
		for i, b := range in.Buckets {
			buckets[i] = float64(b)
		}
	}
	spellings := spellingsOf(t, in.Spellings)
	switch in.Kind {
	case "http":
		return NewHTTPQueries(httpPreset(t, in.Preset), in.Label, in.LatencyThreshold, spellings, buckets)
	case "fit":
		return Fit(httpPreset(t, in.Preset), in.Label, in.Threshold, buckets, spellings)
	case "resources":
		cpu, memory := ResourceQueries(resourcePreset(t, in.Preset), in.Label)
		return map[string]string{"cpu": cpu, "memory": memory}
	case "apply":
		c := Choice{ServiceLabel: in.Choice.ServiceLabel, Buckets: in.Choice.Buckets, Spellings: spellingsOf(t, in.Choice.Spellings)}
		if in.Choice.HTTP != "" {
			c.HTTP = httpPreset(t, in.Choice.HTTP)
		}
		if in.Choice.Resources != "" {
			c.Resources = resourcePreset(t, in.Choice.Resources)
		}
		return map[string]any{"profile": Apply(c, in.Base)}
	}
	t.Fatalf("kind %q", in.Kind)
	return nil
}

// asJSON is v as generic JSON (objects, lists, float64, strings), for comparing with a vector's expected.
func asJSON(t *testing.T, v any) any {
	t.Helper()
	out, err := jsondiff.AsJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVectorsPresets(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "testdata", "vectors", "presets.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			Name     string
			Input    presetsInput
			Expected any
		}
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range file.Cases {
		kinds[c.Input.Kind]++
		if d := jsondiff.Difference(asJSON(t, evaluate(t, c.Input)), c.Expected, ""); d != "" {
			t.Errorf("%s: %s", c.Name, d)
		}
	}
	// Every HTTP preset's queries, the threshold against every preset's buckets, every resource preset.
	http, resources := len(All().HTTP()), len(All().Resources())
	if kinds["http"] < 2*http || kinds["fit"] < 10*http || kinds["resources"] < resources || kinds["apply"] < http {
		t.Fatalf("too few cases: %v", kinds)
	}
}
