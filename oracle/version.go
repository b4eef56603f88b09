package main

// Everything that names a Kubernetes release's API lives here, so that a version bump touches one
// file: the kinds, the strategies and the fixed clock.

import (
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kubernetes/pkg/apis/batch"
	_ "k8s.io/kubernetes/pkg/apis/batch/install" // batch internal, v1 and v1beta1 into legacyscheme
	_ "k8s.io/kubernetes/pkg/apis/core/install"  // core, for the Pod template's conversions
	cronjobregistry "k8s.io/kubernetes/pkg/registry/batch/cronjob"
	jobregistry "k8s.io/kubernetes/pkg/registry/batch/job"
)

// KubernetesVersion is the k8s.io/kubernetes module this oracle is built from (go.mod pins it).
const KubernetesVersion = "v1.37.2"

var jobGVK = schema.GroupVersionKind{Group: "batch", Version: "v1", Kind: "Job"}

// jobStrategy is the registry's create strategy for Jobs (pkg/registry/batch/job/strategy.go).
var jobStrategy = jobregistry.Strategy

func newInternalJob() runtime.Object { return &batch.Job{} }

var cronJobGVK = schema.GroupVersionKind{Group: "batch", Version: "v1", Kind: "CronJob"}

// checkedKinds are the kinds `oracle check` takes through the create path: each with the
// registry's create strategy (pkg/registry/batch/job/strategy.go,
// pkg/registry/batch/cronjob/strategy.go), its resource for the request info, and its internal
// type.
var checkedKinds = map[schema.GroupVersionKind]checkedKind{
	jobGVK: {resource: "jobs", strategy: jobStrategy, newInternal: newInternalJob},
	cronJobGVK: {resource: "cronjobs", strategy: cronjobregistry.Strategy,
		newInternal: func() runtime.Object { return &batch.CronJob{} }},
}

// newInternalJobList is the internal list type the server's Job table printer takes.
func newInternalJobList() runtime.Object { return &batch.JobList{} }

// oracleNow is the store's creationTimestamp, the start of Joblab's simulated clock.
var oracleNow = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
