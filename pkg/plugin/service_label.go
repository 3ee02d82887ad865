package plugin

import (
	"fmt"
	"sync"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// The profile's query fields other than the indicators', as notices name them.
const (
	fieldDomainTime        = "domains.domainTimeQuery"
	fieldTotalTime         = "domains.totalTimeQuery"
	fieldDomainLatency     = "domains.domainLatencyQuery"
	fieldErrorRatio        = "sla.errorRatioQuery"
	fieldLatencyCompliance = "sla.latencyComplianceQuery"
)

// source is a profile query being run: what names it in errors, field is the profile field it comes from
// (named by the notice about series without the service label), byDomain keys its series by domain too.
type source struct {
	what, field string
	byDomain    bool
}

// indicatorField names an indicator's query field as notices do: "indicators[0].query (latency_p95)".
func indicatorField(p *scoring.Profile, id string) string {
	for i, ind := range p.Indicators {
		if ind.ID == id {
			return fmt.Sprintf("indicators[%d].query (%s)", i, id)
		}
	}
	return "indicator " + id
}

// profileFields are the profile's query fields in the profile's order, the order of the notices.
func profileFields(p *scoring.Profile) []string {
	out := make([]string, 0, len(p.Indicators)+5)
	for _, ind := range p.Indicators {
		out = append(out, indicatorField(p, ind.ID))
	}
	return append(out, fieldDomainTime, fieldTotalTime, fieldDomainLatency, fieldErrorRatio, fieldLatencyCompliance)
}

func (r *run) indicatorSource(what, id string) source {
	return source{what: what, field: indicatorField(r.d.settings.Profile, id)}
}

// serviceLabel is the label that names services in the user's metrics (the profile's serviceLabel).
func (r *run) serviceLabel() model.LabelName {
	if l := r.d.settings.Profile.ServiceLabel; l != "" {
		return model.LabelName(l)
	}
	return scoring.DefaultServiceLabel
}

// keyReader reads a series' key from its labels.
type keyReader struct {
	label    model.LabelName
	byDomain bool
}

func (r *run) keys(src source) keyReader {
	return keyReader{label: r.serviceLabel(), byDomain: src.byDomain}
}

// key is the series' service and domain; false when it has no service, which must never become a service
// called "".
func (kr keyReader) key(m model.Metric) (seriesKey, bool) {
	// The service is read from the profile's serviceLabel (job, service_name, ...), while PerfScope's frames
	// keep calling it "service": that is the label its panels and alert rules read.
	k := seriesKey{service: string(m[kr.label])}
	if kr.byDomain {
		k.domain = string(m["domain"])
	}
	return k, k.service != ""
}

// groupBy is the grouping a query's series need, for hints: "job" or "job, domain".
func (kr keyReader) groupBy() string {
	if kr.byDomain {
		return string(kr.label) + ", domain"
	}
	return string(kr.label)
}

// unlabelledSeries collects, per profile field, the series a query left out for want of the service label; a
// series met again (another window, the baseline) counts once.
type unlabelledSeries struct {
	mu      sync.Mutex
	byField map[string]map[model.Fingerprint]bool
	groupBy map[string]string
}

func (u *unlabelledSeries) add(field, groupBy string, series []model.Fingerprint) {
	if len(series) == 0 {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.byField == nil {
		u.byField, u.groupBy = map[string]map[model.Fingerprint]bool{}, map[string]string{}
	}
	if u.byField[field] == nil {
		u.byField[field] = map[model.Fingerprint]bool{}
	}
	for _, fp := range series {
		u.byField[field][fp] = true
	}
	u.groupBy[field] = groupBy
}

// unlabelledNotes are the notes on the series left out, one per profile field, in the profile's order.
func (r *run) unlabelledNotes() []string {
	r.unlabelled.mu.Lock()
	defer r.unlabelled.mu.Unlock()
	var notes []string
	for _, field := range profileFields(r.d.settings.Profile) {
		n := len(r.unlabelled.byField[field])
		if n == 0 {
			continue
		}
		have, are := "have", "are"
		if n == 1 {
			have, are = "has", "is"
		}
		notes = append(notes, fmt.Sprintf("%s: %d series %s no %q label and %s left out; aggregate by (%s) or set the profile's serviceLabel",
			field, n, have, string(r.serviceLabel()), are, r.unlabelled.groupBy[field]))
	}
	return notes
}

// noteUnlabelled puts the notes on the series left out on the response's first frame, as warnings.
func (r *run) noteUnlabelled(dr *backend.DataResponse) {
	notes := r.unlabelledNotes()
	if len(notes) == 0 || len(dr.Frames) == 0 {
		return
	}
	f := dr.Frames[0]
	if f.Meta == nil {
		f.Meta = &data.FrameMeta{}
	}
	for _, note := range notes {
		f.Meta.Notices = append(f.Meta.Notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: note})
	}
}
