// Every Kubernetes rule, in reporting order.
import type { KubernetesRule } from '../rule';
import { duplicateContainerName } from './duplicate-container-name';
import { imageMissing } from './image-missing';
import { imageNotDigestPinned } from './image-not-digest-pinned';
import { imageReferenceInvalid } from './image-reference-invalid';
import { imageRegistryDeprecated } from './image-registry-deprecated';
import { imageTagLatest } from './image-tag-latest';
import { imageTagMissing } from './image-tag-missing';
import { pullPolicyInconsistent } from './pull-policy-inconsistent';
import { pullPolicyInvalid } from './pull-policy-invalid';
import { pullPolicyNotAlways } from './pull-policy-not-always';
import { pullSecretMalformed } from './pull-secret-malformed';
import { pullSecretMisplaced } from './pull-secret-misplaced';
import { pullSecretMissing } from './pull-secret-missing';
import { pullSecretNeeded } from './pull-secret-needed';
import { pullSecretNoAuthForRegistry } from './pull-secret-no-auth-for-registry';
import { pullSecretUndecodable } from './pull-secret-undecodable';
import { pullSecretWrongNamespace } from './pull-secret-wrong-namespace';
import { pullSecretWrongType } from './pull-secret-wrong-type';
import { untrustedRegistry } from './untrusted-registry';

export const kubernetesRules: KubernetesRule[] = [
  imageTagLatest, imageTagMissing, imageReferenceInvalid, imageMissing, imageRegistryDeprecated,
  imageNotDigestPinned, untrustedRegistry,
  pullPolicyInconsistent, pullPolicyInvalid, pullPolicyNotAlways,
  duplicateContainerName,
  pullSecretMissing, pullSecretWrongNamespace, pullSecretWrongType, pullSecretUndecodable,
  pullSecretNoAuthForRegistry, pullSecretNeeded, pullSecretMalformed, pullSecretMisplaced,
];
