package scoring

// Profile is the scoring profile: the JSON document the app settings page edits, the CLI reads and the
// backend datasource receives in jsonData.profile. Field names follow src/scoring exactly.
type Profile struct {
	Aggregation string `json:"aggregation"`
	// ServiceLabel is the label that names services in the user's metrics (service, job, service_name, app, ...):
	// results are grouped by it, while PerfScope's own frames still call it service.
	ServiceLabel string `json:"serviceLabel"`
	// AllowMissing lets a key indicator without data pass perfscope check's gate (missing data is still
	// reported); the datasource has no gate and only carries it.
	AllowMissing bool        `json:"allowMissing"`
	Indicators   []Indicator `json:"indicators"`
	Domains      Domains     `json:"domains"`
	SLA          SLA         `json:"sla"`
	// Groups are the portfolio's products or user journeys, scored from their members (GroupScores).
	Groups []Group `json:"groups"`
}

// Group is a product or user journey: services and nested groups scored together, as in src/scoring/types.ts.
type Group struct {
	ID          string             `json:"id"` // unique; check --group ID and the label group
	Name        string             `json:"name"`
	Services    []string           `json:"services"` // service names, exact
	Groups      []string           `json:"groups"`   // ids of nested groups (no cycles)
	Aggregation string             `json:"aggregation"`
	Weights     map[string]float64 `json:"weights"` // member -> weight; absent = 1
	KeyMembers  []string           `json:"keyMembers"`
	Rules       []GroupRule        `json:"rules"`
}

// GroupRule puts the group in Band (at least) when at least AtLeast, or more than MorePercent % of the
// members are in the band Members or a worse one; exactly one of AtLeast and MorePercent is set.
type GroupRule struct {
	Band        string   `json:"band"`
	Members     string   `json:"members"`
	AtLeast     *float64 `json:"atLeast,omitempty"`
	MorePercent *float64 `json:"morePercent,omitempty"`
}

// Indicator is one scored metric.
type Indicator struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Unit      string  `json:"unit"`
	Direction string  `json:"direction"`
	Target    float64 `json:"target"`
	Warning   float64 `json:"warning"`
	Critical  float64 `json:"critical"`
	Weight    float64 `json:"weight"`
	Key       bool    `json:"key"`
	Enabled   bool    `json:"enabled"`
	Query     string  `json:"query"`
}

// Thresholds returns the indicator's target, warning and critical values.
func (i Indicator) Thresholds() Thresholds {
	return Thresholds{Target: i.Target, Warning: i.Warning, Critical: i.Critical}
}

// Higher reports whether a higher value is better.
func (i Indicator) Higher() bool { return i.Direction == "higher" }

// Domains holds the per-domain overhead thresholds and queries.
type Domains struct {
	Defaults       Thresholds            `json:"defaults"`
	Overrides      map[string]Thresholds `json:"overrides"`
	System         Thresholds            `json:"system"`
	Mode           string                `json:"mode"`
	BaselineOffset string                `json:"baselineOffset"`
	// share mode: time spent in each domain, and total request time (per service).
	DomainTimeQuery string `json:"domainTimeQuery"`
	TotalTimeQuery  string `json:"totalTimeQuery"`
	// baseline mode: mean latency of each domain, compared with itself BaselineOffset earlier.
	DomainLatencyQuery string `json:"domainLatencyQuery"`
}

// For returns the thresholds of one domain: its override, or the defaults.
func (d Domains) For(domain string) Thresholds {
	if t, ok := d.Overrides[domain]; ok {
		return t
	}
	return d.Defaults
}

// SLA holds the service-level objective and its burn-rate alerting tiers.
type SLA struct {
	Target                 float64        `json:"target"`
	Period                 string         `json:"period"`
	MTTRTarget             string         `json:"mttrTarget"`
	LatencyThreshold       float64        `json:"latencyThreshold"`
	LatencyTarget          float64        `json:"latencyTarget"`
	BurnRateTiers          []BurnRateTier `json:"burnRateTiers"`
	ErrorRatioQuery        string         `json:"errorRatioQuery"`        // 0..1 over $window
	LatencyComplianceQuery string         `json:"latencyComplianceQuery"` // 0..1 under $latencyThreshold over $window
	BudgetPolicy           BudgetPolicy   `json:"budgetPolicy"`
}

// BudgetPolicy is when a service (or group) is warned, paged or frozen by how much of its error budget is gone.
type BudgetPolicy struct {
	WarnSpent        float64  `json:"warnSpent"`        // percent of the period's budget spent: "warn" at or above
	PageSpent        float64  `json:"pageSpent"`        // "page" at or above
	FreezeSpent      float64  `json:"freezeSpent"`      // "freeze" at or above
	FreezeExhaustion string   `json:"freezeExhaustion"` // "freeze" too when a window's projected exhaustion is under this
	Windows          []string `json:"windows"`          // burn-rate windows the projection uses
}

// BurnRateTier is one multi-window burn-rate alert.
type BurnRateTier struct {
	Name           string  `json:"name"`
	BudgetFraction float64 `json:"budgetFraction"`
	LongWindow     string  `json:"longWindow"`
	ShortWindow    string  `json:"shortWindow"`
	Severity       string  `json:"severity"`
	Enabled        bool    `json:"enabled"`
}
