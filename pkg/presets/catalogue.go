// Package presets is the Go twin of src/scoring/presets: the instrumentation catalogue (one list, read from an
// embedded byte-for-byte copy of src/scoring/presets/catalogue.json), the queries each preset supplies and the
// profile built from a choice of presets. The shared vectors (testdata/vectors/presets.json) hold the two
// implementations to the same strings, byte for byte.
package presets

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

// The source of the catalogue is src/scoring/presets/catalogue.json; Go cannot embed a file outside its
// package, so this is a copy, which a test keeps identical.
//
//go:generate cp ../../src/scoring/presets/catalogue.json catalogue.json
//go:embed catalogue.json
var catalogueJSON []byte

// CatalogueJSON is the catalogue as src/scoring/presets/catalogue.json spells it (a copy: do not modify).
func CatalogueJSON() []byte { return catalogueJSON }

// Catalogue is the instrumentation PerfScope recognises, in the catalogue's order (presetCatalogue.ts).
type Catalogue struct {
	Presets []Preset
}

// Preset is one entry of the catalogue: exactly one of HTTP and Resources is set, as its kind says.
type Preset struct {
	HTTP      *HTTPPreset
	Resources *ResourcePreset
}

// Base is what every preset has (PresetBase in presetCatalogue.ts).
type Base struct {
	ID          string   `json:"id"`
	Kind        string   `json:"kind"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Library     string   `json:"library"`
	Sources     []string `json:"sources"`
	// ServiceLabel is the label that names services for this instrumentation as Prometheus usually scrapes it.
	ServiceLabel string   `json:"serviceLabel"`
	Notes        []string `json:"notes,omitempty"`
}

// LabelValues are example values of the other labels a library sets on a metric.
type LabelValues map[string][]string

// HTTPPreset is a request-duration histogram, a request counter (or none) and the status label.
type HTTPPreset struct {
	Base
	Duration Duration  `json:"duration"`
	Requests *Requests `json:"requests"` // nil: the histogram's _count counts requests
	Status   Status    `json:"status"`
}

// Duration is the latency histogram.
type Duration struct {
	Metric  string      `json:"metric"` // base name, without _bucket, _sum or _count
	Unit    string      `json:"unit"`   // "s" or "ms"
	Buckets []float64   `json:"buckets"`
	Labels  LabelValues `json:"labels"`
}

// Requests is the library's own request counter.
type Requests struct {
	Metric string      `json:"metric"`
	Labels LabelValues `json:"labels"`
}

// Status is the label holding the HTTP status.
type Status struct {
	Label       string `json:"label"`
	On          string `json:"on"` // "duration", "requests" or "both"
	ServerError string `json:"serverError"`
	Values      struct {
		OK          string `json:"ok"`
		ClientError string `json:"clientError"`
		ServerError string `json:"serverError"`
	} `json:"values"`
}

// ResourcePreset is ready PromQL for the cpu and memory indicators, in percent.
type ResourcePreset struct {
	Base
	// Queries: {{service}} stands where the service label's name goes, $service where its values go.
	Queries struct {
		CPU    string `json:"cpu"`
		Memory string `json:"memory"`
	} `json:"queries"`
	Metrics []string `json:"metrics"`
}

// ID is the preset's id.
func (p Preset) ID() string {
	if p.HTTP != nil {
		return p.HTTP.ID
	}
	return p.Resources.ID
}

// MarshalJSON writes the preset as the catalogue does.
func (p Preset) MarshalJSON() ([]byte, error) {
	if p.HTTP != nil {
		return json.Marshal(p.HTTP)
	}
	return json.Marshal(p.Resources)
}

// UnmarshalJSON reads a preset of either kind; a field Go does not know is an error, so the Go types cannot
// fall behind presetCatalogue.ts unnoticed.
func (p *Preset) UnmarshalJSON(raw []byte) error {
	var kind struct {
		ID   string `json:"id"`
		Kind string `json:"kind"`
	}
	if err := json.Unmarshal(raw, &kind); err != nil {
		return err
	}
	strict := func(v any) error {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return fmt.Errorf("preset %q: %w", kind.ID, err)
		}
		return nil
	}
	switch kind.Kind {
	case "http":
		p.HTTP = &HTTPPreset{}
		return strict(p.HTTP)
	case "resources":
		p.Resources = &ResourcePreset{}
		return strict(p.Resources)
	}
	return fmt.Errorf("preset %q: kind %q is not http or resources", kind.ID, kind.Kind)
}

// ParseCatalogue reads a catalogue document.
func ParseCatalogue(raw []byte) (*Catalogue, error) {
	var doc struct {
		Presets []Preset `json:"presets"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("preset catalogue: %w", err)
	}
	return &Catalogue{Presets: doc.Presets}, nil
}

var catalogue = func() *Catalogue {
	c, err := ParseCatalogue(catalogueJSON)
	if err != nil {
		panic(err) // the embedded copy is checked by the tests
	}
	return c
}()

// All is the catalogue (shared: do not modify).
func All() *Catalogue { return catalogue }

// HTTP is the catalogue's HTTP presets, in order.
func (c *Catalogue) HTTP() []*HTTPPreset {
	var out []*HTTPPreset
	for _, p := range c.Presets {
		if p.HTTP != nil {
			out = append(out, p.HTTP)
		}
	}
	return out
}

// Resources is the catalogue's resource presets, in order.
func (c *Catalogue) Resources() []*ResourcePreset {
	var out []*ResourcePreset
	for _, p := range c.Presets {
		if p.Resources != nil {
			out = append(out, p.Resources)
		}
	}
	return out
}

// ByID finds a preset.
func (c *Catalogue) ByID(id string) (Preset, bool) {
	for _, p := range c.Presets {
		if p.ID() == id {
			return p, true
		}
	}
	return Preset{}, false
}
