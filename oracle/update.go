package main

// A scenario's patch goes through the API server's update validation, as `kubectl patch` does:
// the Job strategy's ValidateUpdate (pkg/registry/batch/job/strategy.go, ValidateJobUpdate in
// pkg/apis/batch/validation). A patch it refuses changes nothing, like a refused kubectl patch.

import (
	"context"
	"fmt"

	batchv1 "k8s.io/api/batch/v1"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
)

// updateRefusal says why the API server refuses to update old to next, or "" when it accepts.
func updateRefusal(old, next *batchv1.Job) string {
	oldInt, nextInt := newInternalJob(), newInternalJob()
	if err := legacyscheme.Scheme.Convert(old, oldInt, nil); err != nil {
		return err.Error()
	}
	if err := legacyscheme.Scheme.Convert(next, nextInt, nil); err != nil {
		return err.Error()
	}
	ctx := genericapirequest.WithNamespace(context.Background(), old.Namespace)
	ctx = genericapirequest.WithRequestInfo(ctx, &genericapirequest.RequestInfo{
		IsResourceRequest: true, Verb: "patch", APIPrefix: "apis", APIGroup: "batch", APIVersion: "v1",
		Resource: "jobs", Namespace: old.Namespace, Name: old.Name,
	})
	jobStrategy.PrepareForUpdate(ctx, nextInt, oldInt)
	if errs := jobStrategy.ValidateUpdate(ctx, nextInt, oldInt); len(errs) > 0 {
		return fmt.Sprint(errs.ToAggregate())
	}
	return ""
}
