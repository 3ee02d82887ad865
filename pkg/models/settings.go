package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// JSONData is the datasource configuration as Grafana keeps it in jsonData; secrets stay in secureJsonData.
type JSONData struct {
	URL                  string          `json:"url"`
	AuthType             string          `json:"authType"`
	BasicAuthUser        string          `json:"basicAuthUser"`
	TLSSkipVerify        bool            `json:"tlsSkipVerify"`
	TLSAuthWithCACert    bool            `json:"tlsAuthWithCACert"`
	TimeoutSeconds       *float64        `json:"timeoutSeconds"`
	MaxConcurrentQueries *float64        `json:"maxConcurrentQueries"`
	MaxAnswerMB          *float64        `json:"maxAnswerMB"`
	MaxSeries            *float64        `json:"maxSeries"`
	ScrapeInterval       string          `json:"scrapeInterval"`
	Profile              json.RawMessage `json:"profile"`
}

// Settings are a datasource's checked settings: its jsonData, and what the numbers, durations and profile in it
// mean (their defaults filled in).
type Settings struct {
	JSONData
	Timeout        time.Duration    `json:"-"`
	MaxConcurrent  int              `json:"-"`
	AnswerBytes    int64            `json:"-"` // all answers of one request together
	Series         int              `json:"-"` // of one answer
	ScrapeInterval time.Duration    `json:"-"`
	Profile        *scoring.Profile `json:"-"`
}

// Setting defaults.
const (
	DefaultTimeout       = 30 * time.Second
	DefaultMaxConcurrent = 6
	// DefaultMaxAnswerMB and DefaultMaxSeries are sized for real use: 1,000 services of six indicators over a
	// day at a minute's step are some 30 MiB of answers and 6,000 series.
	DefaultMaxAnswerMB    = 64
	DefaultMaxSeries      = 10000
	DefaultScrapeInterval = 15 * time.Second
)

// Auth types.
const (
	AuthNone    = "none"
	AuthBasic   = "basic"
	AuthBearer  = "bearer"
	AuthHeaders = "headers"
)

// LoadSettings reads and checks the instance settings; every problem names its field.
func LoadSettings(s backend.DataSourceInstanceSettings) (*Settings, error) {
	st := &Settings{}
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &st.JSONData); err != nil {
			return nil, fmt.Errorf("jsonData is not valid settings JSON: %v", DescribeJSONError(err))
		}
	}
	if st.URL == "" {
		st.URL = s.URL
	}
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	if u, err := url.Parse(st.URL); st.URL == "" {
		add("url: enter the address of a Prometheus-compatible API, e.g. http://prometheus:9090")
	} else if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		add("url: %q is not an http:// or https:// address", redactURL(st.URL))
	} else if u.User != nil {
		add("url: put credentials in the authentication settings, not in the URL")
	}

	st.checkAuth(s, add)

	st.Timeout = DefaultTimeout
	if t := st.TimeoutSeconds; t != nil {
		if *t < 1 || *t > 3600 {
			add("timeoutSeconds: %v must be between 1 and 3600 seconds", *t)
		} else {
			st.Timeout = time.Duration(*t * float64(time.Second))
		}
	}
	st.MaxConcurrent = DefaultMaxConcurrent
	if m := st.MaxConcurrentQueries; m != nil {
		if *m < 1 || *m > 100 || *m != float64(int(*m)) {
			add("maxConcurrentQueries: %v must be a whole number from 1 to 100", *m)
		} else {
			st.MaxConcurrent = int(*m)
		}
	}
	st.AnswerBytes = DefaultMaxAnswerMB << 20
	if m := st.MaxAnswerMB; m != nil {
		if *m < 1 || *m > 1024 || *m != float64(int(*m)) {
			add("maxAnswerMB: %v must be a whole number of MiB from 1 to 1024", *m)
		} else {
			st.AnswerBytes = int64(*m) << 20
		}
	}
	st.Series = DefaultMaxSeries
	if m := st.MaxSeries; m != nil {
		if *m < 1 || *m > 1e6 || *m != float64(int(*m)) {
			add("maxSeries: %v must be a whole number from 1 to 1000000", *m)
		} else {
			st.Series = int(*m)
		}
	}
	st.ScrapeInterval = DefaultScrapeInterval
	if st.JSONData.ScrapeInterval != "" {
		d, err := scoring.ParseWindow(st.JSONData.ScrapeInterval)
		if err != nil {
			add("scrapeInterval: %v", err)
		} else {
			st.ScrapeInterval = d
		}
	}

	profile, err := loadProfile(st.JSONData.Profile)
	if err != nil {
		add("%v", err)
	}
	st.Profile = profile

	if len(problems) > 0 {
		return nil, errors.New("datasource settings: " + strings.Join(problems, "; "))
	}
	return st, nil
}

// checkAuth checks the authentication settings and the secrets they need.
func (st *Settings) checkAuth(s backend.DataSourceInstanceSettings, add func(format string, args ...any)) {
	secure := s.DecryptedSecureJSONData
	switch st.AuthType {
	case "", AuthNone:
		st.AuthType = AuthNone
	case AuthBasic:
		if st.BasicAuthUser == "" {
			add("basicAuthUser: basic authentication needs a user")
		}
		if secure["basicAuthPassword"] == "" {
			add("basicAuthPassword: basic authentication needs a password")
		}
	case AuthBearer:
		if secure["bearerToken"] == "" {
			add("bearerToken: bearer authentication needs a token")
		}
	case AuthHeaders:
		if len(customHeaders(s.JSONData, secure)) == 0 {
			add("httpHeaderName1: header authentication needs at least one header with a value")
		}
	default:
		add("authType: %q is not one of none, basic, bearer, headers", st.AuthType)
	}
	if st.TLSAuthWithCACert && secure["tlsCACert"] == "" {
		add("tlsCACert: paste the CA certificate, or turn off \"With CA cert\"")
	}
}

// loadProfile reads jsonData.profile, or the default profile when there is none, and checks its structure.
func loadProfile(raw json.RawMessage) (*scoring.Profile, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return scoring.DefaultProfile(), nil
	}
	parsed := scoring.ParseProfile(raw)
	if len(parsed.Problems) > 0 {
		msgs := make([]string, len(parsed.Problems))
		for i, pr := range parsed.Problems {
			msgs[i] = pr.Message
		}
		return nil, fmt.Errorf("profile: %s", strings.Join(msgs, "; "))
	}
	return parsed.Profile, nil
}

// customHeaders are the Grafana-convention headers: httpHeaderNameN in jsonData, httpHeaderValueN secure.
func customHeaders(jsonData json.RawMessage, secure map[string]string) map[string]string {
	var names map[string]any
	_ = json.Unmarshal(jsonData, &names)
	out := map[string]string{}
	for i := 1; ; i++ {
		name, ok := names[fmt.Sprintf("httpHeaderName%d", i)].(string)
		if !ok {
			return out
		}
		if v := secure[fmt.Sprintf("httpHeaderValue%d", i)]; name != "" && v != "" {
			out[name] = v
		}
	}
}

// HTTPOptions builds the SDK httpclient options, so Grafana's proxy, TLS and timeout settings apply.
func (st *Settings) HTTPOptions(ctx context.Context, s backend.DataSourceInstanceSettings) (httpclient.Options, error) {
	s.BasicAuthEnabled = false // auth comes from authType below
	s.User = ""
	opts, err := s.HTTPClientOptions(ctx)
	if err != nil {
		return opts, fmt.Errorf("http settings: %w", err)
	}
	opts.Timeouts.Timeout = st.Timeout
	switch st.AuthType {
	case AuthBasic:
		opts.BasicAuth = &httpclient.BasicAuthOptions{User: st.BasicAuthUser, Password: s.DecryptedSecureJSONData["basicAuthPassword"]}
	case AuthBearer:
		if opts.Header == nil {
			opts.Header = map[string][]string{}
		}
		opts.Header.Set("Authorization", "Bearer "+s.DecryptedSecureJSONData["bearerToken"])
	}
	return opts, nil
}

func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable)"
	}
	u.User = nil
	return u.String()
}
