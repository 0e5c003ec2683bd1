import type { LayerModel, RuntimeTool } from './types';

/**
 * Tools that serve several capabilities (the roadmap lists its CI/CD tools
 * under build service and GitOps too), defined once so they cannot drift.
 */
const sharedTools = {
  aquaSecurity: {
    id: 'aqua-security',
    title: 'Aqua Security',
    url: 'https://www.aquasec.com/',
  },
  argoCd: {
    id: 'argo-cd',
    title: 'Argo CD',
    url: 'https://argo-cd.readthedocs.io/',
  },
  awsCodepipeline: {
    id: 'aws-codepipeline',
    title: 'AWS CodePipeline',
    url: 'https://aws.amazon.com/codepipeline/',
  },
  azureDevops: {
    id: 'azure-devops',
    title: 'Azure DevOps',
    url: 'https://azure.microsoft.com/products/devops/',
  },
  concourse: {
    id: 'concourse',
    title: 'Concourse',
    url: 'https://concourse-ci.org/',
  },
  googleCloudBuild: {
    id: 'google-cloud-build',
    title: 'Google Cloud Build',
    url: 'https://cloud.google.com/build',
  },
  hashicorpVault: {
    id: 'hashicorp-vault',
    title: 'HashiCorp Vault',
    url: 'https://www.vaultproject.io/',
  },
  istio: {
    id: 'istio',
    title: 'Istio',
    url: 'https://istio.io/',
    // Istio's sidecars and gateways are Envoy proxies it configures, both
    // for the mesh and for ingress; envoy is listed in both capabilities.
    runs: ['envoy'],
  },
  kustomize: {
    id: 'kustomize',
    title: 'Kustomize',
    url: 'https://kustomize.io/',
  },
  octopusDeploy: {
    id: 'octopus-deploy',
    title: 'Octopus Deploy',
    url: 'https://octopus.com/',
  },
  opentelemetry: {
    id: 'opentelemetry',
    title: 'OpenTelemetry',
    url: 'https://opentelemetry.io/',
  },
  teamcity: {
    id: 'teamcity',
    title: 'TeamCity',
    url: 'https://www.jetbrains.com/teamcity/',
  },
  terraform: {
    id: 'terraform',
    title: 'Terraform',
    url: 'https://www.terraform.io/',
  },
} satisfies Record<string, RuntimeTool>;

/**
 * The runtime roadmap's layers 0–6, their capabilities and example tools.
 *
 * @public
 */
export const defaultLayerModel: LayerModel = {
  version: '1',
  layers: [
    {
      id: 0,
      title: 'Platform & external services',
      description:
        'The infrastructure and external services everything else builds on: where the clusters run, where the code lives and how it gets built and shipped.',
      capabilities: [
        {
          id: 'platform',
          title: 'Platform (cloud or on-premises)',
          description:
            'The public, private or hybrid infrastructure the service ultimately runs on. It sets the constraints (regions, managed services, cost) for every layer above.',
          providedByCluster: true,
          tools: [
            {
              id: 'aws',
              title: 'Amazon Web Services (AWS)',
              url: 'https://aws.amazon.com/',
            },
            {
              id: 'azure',
              title: 'Microsoft Azure',
              url: 'https://azure.microsoft.com/',
            },
            {
              id: 'gcp',
              title: 'Google Cloud Platform (GCP)',
              url: 'https://cloud.google.com/',
            },
            {
              id: 'openstack',
              title: 'OpenStack',
              url: 'https://www.openstack.org/',
            },
            { id: 'vmware-vsphere', title: 'VMware vSphere' },
            { id: 'bare-metal', title: 'Bare metal' },
          ],
        },
        {
          id: 'source-control',
          title: 'Source control',
          description:
            "Where the service's code and configuration are versioned, reviewed and shared. It is the starting point for builds, deployments and GitOps.",
          tools: [
            { id: 'git', title: 'Git', url: 'https://git-scm.com/' },
            { id: 'github', title: 'GitHub', url: 'https://github.com/' },
            { id: 'gitlab', title: 'GitLab', url: 'https://about.gitlab.com/' },
            {
              id: 'bitbucket',
              title: 'Bitbucket',
              url: 'https://bitbucket.org/',
            },
            { id: 'plastic-scm', title: 'Plastic SCM' },
            sharedTools.azureDevops,
          ],
        },
        {
          id: 'ci-cd',
          title: 'Continuous integration & delivery (CI/CD)',
          description:
            'Pipelines that build and test every change to the service and promote it through environments, so releases are repeatable rather than manual.',
          tools: [
            { id: 'jenkins', title: 'Jenkins', url: 'https://www.jenkins.io/' },
            {
              id: 'github-actions',
              title: 'GitHub Actions',
              url: 'https://github.com/features/actions',
            },
            {
              id: 'gitlab-ci',
              title: 'GitLab CI/CD',
              url: 'https://docs.gitlab.com/ee/ci/',
            },
            {
              id: 'bamboo',
              title: 'Atlassian Bamboo',
              url: 'https://www.atlassian.com/software/bamboo',
            },
            {
              id: 'spinnaker',
              title: 'Spinnaker',
              url: 'https://spinnaker.io/',
            },
            { id: 'tekton', title: 'Tekton', url: 'https://tekton.dev/' },
            sharedTools.argoCd,
            { id: 'flux', title: 'Flux', url: 'https://fluxcd.io/' },
            { id: 'drone', title: 'Drone' },
            sharedTools.concourse,
            sharedTools.teamcity,
            sharedTools.octopusDeploy,
            sharedTools.awsCodepipeline,
            sharedTools.azureDevops,
            sharedTools.googleCloudBuild,
            { id: 'circleci', title: 'CircleCI', url: 'https://circleci.com/' },
            {
              id: 'buildkite',
              title: 'Buildkite',
              url: 'https://buildkite.com/',
            },
            { id: 'gocd', title: 'GoCD', url: 'https://www.gocd.org/' },
          ],
        },
      ],
    },
    {
      id: 1,
      title: 'Core runtime',
      description:
        'The cluster itself: what schedules the service, lets its parts find each other and actually runs its containers.',
      capabilities: [
        {
          id: 'scheduling',
          title: 'Scheduling & orchestration',
          description:
            "Places the service's containers on nodes and keeps them running, restarting, scaling and rescheduling them as needed.",
          providedByCluster: true,
          tools: [
            {
              id: 'kubernetes',
              title: 'Kubernetes',
              url: 'https://kubernetes.io/',
            },
            { id: 'marathon', title: 'Marathon' },
            {
              id: 'docker-swarm',
              title: 'Docker Swarm',
              url: 'https://docs.docker.com/engine/swarm/',
            },
          ],
        },
        {
          id: 'service-discovery',
          title: 'Coordination & service discovery (DNS)',
          description:
            'Cluster DNS and coordination stores that let the service find its dependencies by name and keep the cluster state consistent.',
          providedByCluster: true,
          tools: [
            { id: 'skydns', title: 'SkyDNS' },
            { id: 'kube-dns', title: 'KubeDNS' },
            { id: 'coredns', title: 'CoreDNS', url: 'https://coredns.io/' },
            {
              id: 'consul',
              title: 'HashiCorp Consul',
              url: 'https://www.consul.io/',
            },
            { id: 'etcd', title: 'etcd', url: 'https://etcd.io/' },
          ],
        },
        {
          id: 'container-runtime',
          title: 'Container runtime',
          description:
            "The node-level software that starts the service's containers and isolates them; sandboxed runtimes add stronger isolation for untrusted workloads.",
          providedByCluster: true,
          tools: [
            {
              id: 'docker',
              title: 'Docker Engine',
              url: 'https://www.docker.com/',
            },
            {
              id: 'containerd',
              title: 'containerd',
              url: 'https://containerd.io/',
            },
            { id: 'cri-o', title: 'CRI-O', url: 'https://cri-o.io/' },
            { id: 'gvisor', title: 'gVisor', url: 'https://gvisor.dev/' },
            {
              id: 'kata-containers',
              title: 'Kata Containers',
              url: 'https://katacontainers.io/',
            },
            { id: 'crx', title: 'CRX (vSphere Pods)' },
          ],
        },
      ],
    },
    {
      id: 2,
      title: 'Lifecycle, automation & configuration',
      description:
        'How clusters and their configuration are created, kept up to date and described as code.',
      capabilities: [
        {
          id: 'automation-configuration',
          title: 'Automation & configuration',
          description:
            "Infrastructure-as-code and configuration tooling that describes the service's environment and manifests declaratively and versioned, instead of by hand.",
          tools: [
            {
              id: 'ansible',
              title: 'Ansible',
              url: 'https://www.ansible.com/',
            },
            sharedTools.terraform,
            { id: 'chef', title: 'Chef', url: 'https://www.chef.io/' },
            { id: 'puppet', title: 'Puppet', url: 'https://www.puppet.com/' },
            {
              id: 'saltstack',
              title: 'SaltStack',
              url: 'https://saltproject.io/',
            },
            { id: 'helm', title: 'Helm', url: 'https://helm.sh/' },
            sharedTools.kustomize,
            { id: 'jsonnet', title: 'Jsonnet', url: 'https://jsonnet.org/' },
            { id: 'carvel', title: 'Carvel', url: 'https://carvel.dev/' },
          ],
        },
        {
          id: 'cluster-lifecycle',
          title: 'Cluster lifecycle management',
          description:
            'Automated creation, upgrade and repair of the clusters the service runs on, so they stay on supported Kubernetes versions without heroics.',
          tools: [
            {
              id: 'cluster-api',
              title: 'Cluster API',
              url: 'https://cluster-api.sigs.k8s.io/',
            },
            sharedTools.terraform,
            { id: 'caps', title: 'CAPS' },
          ],
        },
      ],
    },
    {
      id: 3,
      title: 'Networking, storage & access',
      description:
        'What connects the service to the network and to data, where its images come from, and who may reach the cluster.',
      capabilities: [
        {
          id: 'cni-networking',
          title: 'Cloud native networking (CNI)',
          group: 'networking',
          description:
            "Pod-to-pod networking for the service's workloads, including network policy enforcement between them.",
          providedByCluster: true,
          tools: [
            {
              id: 'multus',
              title: 'Multus CNI',
              url: 'https://github.com/k8snetworkplumbingwg/multus-cni',
            },
            { id: 'antrea', title: 'Antrea', url: 'https://antrea.io/' },
            {
              id: 'calico',
              title: 'Calico',
              url: 'https://www.tigera.io/project-calico/',
            },
            { id: 'vmware-nsx', title: 'VMware NSX (NSX-T)' },
            { id: 'cilium', title: 'Cilium', url: 'https://cilium.io/' },
            { id: 'weave-net', title: 'Weave Net' },
            {
              id: 'flannel',
              title: 'Flannel',
              url: 'https://github.com/flannel-io/flannel',
            },
            { id: 'romana', title: 'Romana' },
            { id: 'opencontrail', title: 'OpenContrail' },
            {
              id: 'open-vswitch',
              title: 'Open vSwitch',
              url: 'https://www.openvswitch.org/',
            },
            { id: 'ovn-kubernetes', title: 'OVN-Kubernetes' },
            { id: 'openshift-sdn', title: 'OpenShift SDN' },
            {
              id: 'aws-vpc-cni',
              title: 'Amazon VPC CNI',
              url: 'https://github.com/aws/amazon-vpc-cni-k8s',
            },
          ],
        },
        {
          id: 'block-storage',
          title: 'Block storage (CSI)',
          group: 'storage',
          description:
            "Persistent volumes attached to the service's pods through a CSI driver, for databases and other stateful workloads that need fast, durable disks.",
          tools: [
            {
              id: 'amazon-ebs',
              title: 'Amazon EBS',
              url: 'https://aws.amazon.com/ebs/',
            },
            {
              id: 'google-persistent-disk',
              title: 'Google Persistent Disk',
              url: 'https://cloud.google.com/persistent-disk',
            },
            { id: 'azure-disk', title: 'Azure Disk Storage' },
            { id: 'vmware-vsphere', title: 'VMware vSphere' },
            { id: 'openstack-cinder', title: 'OpenStack Cinder' },
            { id: 'ceph-rbd', title: 'Ceph RBD', url: 'https://ceph.io/' },
            {
              id: 'longhorn',
              title: 'Longhorn',
              url: 'https://longhorn.io/',
            },
          ],
        },
        {
          id: 'object-storage',
          title: 'Object storage',
          group: 'storage',
          optional: true,
          description:
            'S3-style buckets the service reads and writes over an API, typically for backups, archives, media and large data sets.',
          tools: [
            {
              id: 'amazon-s3',
              title: 'Amazon S3',
              url: 'https://aws.amazon.com/s3/',
            },
            {
              id: 'google-cloud-storage',
              title: 'Google Cloud Storage',
              url: 'https://cloud.google.com/storage',
            },
            { id: 'azure-blob-storage', title: 'Azure Blob Storage' },
            { id: 'minio', title: 'MinIO', url: 'https://min.io/' },
            {
              id: 'ceph-object-storage',
              title: 'Ceph Object Storage',
              url: 'https://ceph.io/',
            },
            { id: 'openstack-swift', title: 'OpenStack Swift' },
          ],
        },
        {
          id: 'file-storage',
          title: 'File storage',
          group: 'storage',
          optional: true,
          description:
            "A shared filesystem that several of the service's pods can mount at once, for content and files that must be visible to every replica.",
          tools: [
            {
              id: 'amazon-efs',
              title: 'Amazon EFS',
              url: 'https://aws.amazon.com/efs/',
            },
            {
              id: 'google-cloud-filestore',
              title: 'Google Cloud Filestore',
              url: 'https://cloud.google.com/filestore',
            },
            { id: 'azure-files', title: 'Azure Files' },
            { id: 'nfs', title: 'NFS' },
            {
              id: 'glusterfs',
              title: 'GlusterFS',
              url: 'https://www.gluster.org/',
            },
            { id: 'cephfs', title: 'CephFS', url: 'https://ceph.io/' },
            { id: 'openstack-manila', title: 'OpenStack Manila' },
          ],
        },
        {
          id: 'container-registry',
          title: 'Container registry',
          group: 'distribution',
          description:
            "Where the service's container images are pushed, stored, scanned and pulled from at deploy time.",
          tools: [
            {
              id: 'docker-hub',
              title: 'Docker Hub',
              url: 'https://hub.docker.com/',
            },
            {
              id: 'github-container-registry',
              title: 'GitHub Container Registry (GHCR)',
            },
            { id: 'quay', title: 'Quay', url: 'https://quay.io/' },
            {
              id: 'amazon-ecr',
              title: 'Amazon ECR',
              url: 'https://aws.amazon.com/ecr/',
            },
            {
              id: 'google-container-registry',
              title: 'Google Container Registry (GCR)',
            },
            {
              id: 'azure-container-registry',
              title: 'Azure Container Registry (ACR)',
            },
            { id: 'harbor', title: 'Harbor', url: 'https://goharbor.io/' },
            {
              id: 'distribution',
              title: 'CNCF Distribution',
              url: 'https://distribution.github.io/distribution/',
            },
            {
              id: 'jfrog-artifactory',
              title: 'JFrog Artifactory',
              url: 'https://jfrog.com/artifactory/',
            },
            {
              id: 'gitlab-container-registry',
              title: 'GitLab Container Registry',
            },
          ],
        },
        {
          id: 'service-proxy',
          title: 'Service proxy / ingress',
          group: 'networking',
          description:
            'The entry point that routes external traffic to the service, terminating TLS and applying host and path rules.',
          tools: [
            {
              id: 'ingress-nginx',
              title: 'NGINX Ingress',
              url: 'https://kubernetes.github.io/ingress-nginx/',
            },
            {
              id: 'contour',
              title: 'Contour',
              url: 'https://projectcontour.io/',
              // Contour is the control plane; the traffic goes through the
              // Envoy fleet it deploys and configures.
              runs: ['envoy'],
            },
            { id: 'traefik', title: 'Traefik', url: 'https://traefik.io/' },
            {
              id: 'haproxy',
              title: 'HAProxy',
              url: 'https://www.haproxy.org/',
            },
            { id: 'envoy', title: 'Envoy', url: 'https://www.envoyproxy.io/' },
            {
              id: 'gateway-api',
              title: 'Gateway API',
              url: 'https://gateway-api.sigs.k8s.io/',
            },
            sharedTools.istio,
            {
              id: 'kong',
              title: 'Kong Ingress Controller',
              url: 'https://konghq.com/',
            },
          ],
        },
        {
          id: 'load-balancing',
          title: 'Load balancing',
          group: 'networking',
          description:
            "Spreads traffic across the service's replicas and gives LoadBalancer Services a reachable address, whether from the cloud, software or hardware.",
          tools: [
            {
              id: 'metallb',
              title: 'MetalLB',
              url: 'https://metallb.universe.tf/',
            },
            {
              id: 'aws-elb',
              title: 'AWS Elastic Load Balancing (ELB)',
              url: 'https://aws.amazon.com/elasticloadbalancing/',
            },
            { id: 'azure-load-balancer', title: 'Azure Load Balancer' },
            {
              id: 'gcp-load-balancer',
              title: 'Google Cloud Load Balancing',
              url: 'https://cloud.google.com/load-balancing',
            },
            {
              id: 'avi-networks',
              title: 'Avi Networks (VMware NSX Advanced Load Balancer)',
            },
            { id: 'vmware-nsx', title: 'VMware NSX (NSX-T)' },
            {
              id: 'aws-load-balancer-controller',
              title: 'AWS Load Balancer Controller',
              url: 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/',
            },
          ],
        },
        {
          id: 'external-dns',
          title: 'External DNS',
          group: 'networking',
          description:
            "Keeps public or corporate DNS records for the service's hostnames in sync with what is deployed, so clients reach it by name.",
          tools: [
            {
              id: 'external-dns',
              title: 'ExternalDNS',
              url: 'https://github.com/kubernetes-sigs/external-dns',
            },
            { id: 'coredns', title: 'CoreDNS', url: 'https://coredns.io/' },
            {
              id: 'route-53',
              title: 'Amazon Route 53',
              url: 'https://aws.amazon.com/route53/',
            },
            {
              id: 'cloudflare',
              title: 'Cloudflare',
              url: 'https://www.cloudflare.com/',
            },
            {
              id: 'infoblox',
              title: 'Infoblox',
              url: 'https://www.infoblox.com/',
            },
            { id: 'azure-dns', title: 'Azure DNS' },
            {
              id: 'google-cloud-dns',
              title: 'Google Cloud DNS',
              url: 'https://cloud.google.com/dns',
            },
          ],
        },
        {
          id: 'authentication',
          title: 'Authentication',
          group: 'access',
          description:
            "Verifies who (people or systems) is accessing the cluster and the service's resources, usually by federating with the organisation's identity provider.",
          tools: [
            { id: 'pinniped', title: 'Pinniped', url: 'https://pinniped.dev/' },
            { id: 'dex', title: 'Dex', url: 'https://dexidp.io/' },
            {
              id: 'keycloak',
              title: 'Keycloak',
              url: 'https://www.keycloak.org/',
            },
            { id: 'okta', title: 'Okta', url: 'https://www.okta.com/' },
            { id: 'auth0', title: 'Auth0', url: 'https://auth0.com/' },
            { id: 'azure-ad', title: 'Microsoft Entra ID (Azure AD)' },
            { id: 'google-cloud-identity', title: 'Google Cloud Identity' },
            {
              id: 'aws-iam',
              title: 'AWS IAM',
              url: 'https://aws.amazon.com/iam/',
            },
            { id: 'ldap', title: 'LDAP' },
            {
              id: 'oidc',
              title: 'OpenID Connect (OIDC)',
              url: 'https://openid.net/connect/',
            },
            { id: 'saml', title: 'SAML' },
          ],
        },
        {
          id: 'package-management',
          title: 'Package management',
          group: 'distribution',
          description:
            "How the service's manifests are packaged, parameterised and released into the cluster as one versioned unit.",
          tools: [
            { id: 'helm', title: 'Helm', url: 'https://helm.sh/' },
            sharedTools.kustomize,
            { id: 'carvel', title: 'Carvel', url: 'https://carvel.dev/' },
          ],
        },
        {
          id: 'data-protection',
          title: 'Data protection (backup & restore)',
          group: 'storage',
          description:
            "Scheduled backups of the service's resources and volumes, with tested restore and migration, so lost data or a lost cluster can be recovered.",
          tools: [
            { id: 'velero', title: 'Velero', url: 'https://velero.io/' },
            { id: 'restic-operator', title: 'Restic Operator' },
            {
              id: 'kasten',
              title: 'Kasten K10',
              url: 'https://www.kasten.io/',
            },
          ],
        },
      ],
    },
    {
      id: 4,
      title: 'Security, delivery & observability',
      description:
        'The guard rails, the path to production and the telemetry that wrap every service running on the platform.',
      capabilities: [
        {
          id: 'policy',
          title: 'Policy',
          group: 'security',
          description:
            "Admission and network rules that check the service's manifests and traffic against the organisation's security and best-practice requirements.",
          tools: [
            {
              id: 'opa-gatekeeper',
              title: 'Open Policy Agent / Gatekeeper',
              url: 'https://open-policy-agent.github.io/gatekeeper/',
            },
            { id: 'kyverno', title: 'Kyverno', url: 'https://kyverno.io/' },
            {
              id: 'jspolicy',
              title: 'jsPolicy',
              url: 'https://www.jspolicy.com/',
            },
            { id: 'polaris', title: 'Polaris' },
            {
              id: 'kubernetes-network-policy',
              title: 'Kubernetes NetworkPolicy',
              url: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
            },
          ],
        },
        {
          id: 'abac',
          title: 'Attribute-based access control (ABAC)',
          group: 'security',
          optional: true,
          description:
            "Fine-grained access rules based on attributes of users, resources and actions, for teams that need more than role-based access to the service's resources.",
          tools: [{ id: 'tmc', title: 'VMware Tanzu Mission Control (TMC)' }],
        },
        {
          id: 'certificate-management',
          title: 'Certificate management',
          group: 'security',
          description:
            'Issues, renews and revokes the TLS certificates the service uses, so its endpoints stay encrypted without manual rotation.',
          tools: [
            {
              id: 'cert-manager',
              title: 'cert-manager',
              url: 'https://cert-manager.io/',
            },
            {
              id: 'lets-encrypt',
              title: "Let's Encrypt",
              url: 'https://letsencrypt.org/',
            },
            sharedTools.hashicorpVault,
            {
              id: 'kubernetes-certificates-api',
              title: 'Kubernetes Certificates API',
              url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/',
            },
          ],
        },
        {
          id: 'build-security',
          title: 'Build-time security',
          group: 'security',
          description:
            "Scans the service's code, dependencies and images for vulnerabilities before they are deployed, shifting security left.",
          tools: [
            { id: 'clair', title: 'Clair' },
            { id: 'trivy', title: 'Trivy', url: 'https://trivy.dev/' },
            { id: 'snyk', title: 'Snyk', url: 'https://snyk.io/' },
            sharedTools.aquaSecurity,
            { id: 'twistlock', title: 'Twistlock' },
            { id: 'anchore', title: 'Anchore', url: 'https://anchore.com/' },
          ],
        },
        {
          id: 'runtime-security',
          title: 'Runtime security',
          group: 'security',
          description:
            "Watches the service's running containers for suspicious behaviour and blocks or reports threats as they happen.",
          tools: [
            { id: 'sysdig', title: 'Sysdig', url: 'https://sysdig.com/' },
            { id: 'falco', title: 'Falco', url: 'https://falco.org/' },
            { id: 'neuvector', title: 'NeuVector' },
            { id: 'prisma-cloud', title: 'Prisma Cloud' },
            sharedTools.aquaSecurity,
            { id: 'twistlock', title: 'Twistlock' },
            {
              id: 'tetragon',
              title: 'Tetragon',
              url: 'https://tetragon.io/',
            },
          ],
        },
        {
          id: 'key-management',
          title: 'Key & secret management',
          group: 'security',
          description:
            'Generates, stores and hands out the keys and secrets the service needs for encryption, keeping them out of images and manifests.',
          tools: [
            sharedTools.hashicorpVault,
            {
              id: 'aws-kms',
              title: 'AWS Key Management Service (KMS)',
              url: 'https://aws.amazon.com/kms/',
            },
            { id: 'google-cloud-kms', title: 'Google Cloud KMS' },
            { id: 'azure-key-vault', title: 'Azure Key Vault' },
          ],
        },
        {
          id: 'conformance',
          title: 'Conformance & benchmarks',
          group: 'security',
          description:
            'Regular tests that the cluster the service runs on is conformant Kubernetes and meets security benchmarks such as CIS.',
          tools: [
            { id: 'sonobuoy', title: 'Sonobuoy', url: 'https://sonobuoy.io/' },
            {
              id: 'cis-kubernetes-benchmark',
              title: 'CIS Kubernetes Benchmark',
              url: 'https://www.cisecurity.org/benchmark/kubernetes',
            },
            {
              id: 'kubernetes-conformance',
              title: 'Kubernetes Conformance Certification',
              url: 'https://www.cncf.io/certification/software-conformance/',
            },
          ],
        },
        {
          id: 'build-service',
          title: 'Build service',
          group: 'delivery',
          description:
            "Turns the service's source into a tested, packaged container image in a consistent and secure way, ideally without hand-written Dockerfiles.",
          tools: [
            {
              id: 'buildpacks',
              title: 'Cloud Native Buildpacks',
              url: 'https://buildpacks.io/',
            },
            // kpack builds images by running Cloud Native Buildpacks.
            { id: 'kpack', title: 'kpack', runs: ['buildpacks'] },
            {
              id: 'kaniko',
              title: 'Kaniko',
              url: 'https://github.com/GoogleContainerTools/kaniko',
            },
            { id: 'tekton', title: 'Tekton', url: 'https://tekton.dev/' },
            sharedTools.argoCd,
            { id: 'flux', title: 'Flux', url: 'https://fluxcd.io/' },
            { id: 'drone', title: 'Drone' },
            sharedTools.concourse,
            sharedTools.teamcity,
            sharedTools.octopusDeploy,
            sharedTools.awsCodepipeline,
            sharedTools.azureDevops,
            sharedTools.googleCloudBuild,
          ],
        },
        {
          id: 'gitops',
          title: 'GitOps',
          group: 'delivery',
          description:
            "Git is the source of truth for the service's desired state, and a controller continuously reconciles the cluster to match it.",
          tools: [
            sharedTools.argoCd,
            { id: 'flux', title: 'Flux', url: 'https://fluxcd.io/' },
            { id: 'drone', title: 'Drone' },
            sharedTools.concourse,
            sharedTools.teamcity,
            sharedTools.octopusDeploy,
            sharedTools.awsCodepipeline,
            sharedTools.azureDevops,
            sharedTools.googleCloudBuild,
            {
              id: 'kapp-controller',
              title: 'kapp-controller',
              url: 'https://carvel.dev/kapp-controller/',
            },
          ],
        },
        {
          id: 'application-catalog',
          title: 'Application catalog',
          group: 'delivery',
          optional: true,
          description:
            'A browsable catalog of charts and packaged applications the service can be installed from or can pull shared components from.',
          tools: [
            { id: 'kubeapps', title: 'Kubeapps', url: 'https://kubeapps.dev/' },
            {
              id: 'chartmuseum',
              title: 'ChartMuseum',
              url: 'https://chartmuseum.com/',
            },
          ],
        },
        {
          id: 'logging',
          title: 'Logging',
          group: 'observability',
          description:
            "Collects and ships the service's logs to a central store where they can be searched when debugging.",
          tools: [
            {
              id: 'fluentd',
              title: 'Fluentd',
              url: 'https://www.fluentd.org/',
            },
            {
              id: 'fluent-bit',
              title: 'Fluent Bit',
              url: 'https://fluentbit.io/',
            },
            {
              id: 'splunk-otel-collector',
              title: 'Splunk OpenTelemetry Collector',
            },
            sharedTools.opentelemetry,
            {
              id: 'promtail',
              title: 'Promtail',
              url: 'https://grafana.com/docs/loki/latest/send-data/promtail/',
            },
            {
              id: 'loki',
              title: 'Grafana Loki',
              url: 'https://grafana.com/oss/loki/',
            },
            { id: 'vector', title: 'Vector', url: 'https://vector.dev/' },
          ],
        },
        {
          id: 'metrics',
          title: 'Metrics',
          group: 'observability',
          description:
            "Scrapes and stores the service's numeric health and performance signals (traffic, errors, latency, saturation) for trends and capacity planning.",
          tools: [
            {
              id: 'prometheus',
              title: 'Prometheus',
              url: 'https://prometheus.io/',
            },
            sharedTools.opentelemetry,
            {
              id: 'prometheus-operator',
              title: 'Prometheus Operator',
              url: 'https://prometheus-operator.dev/',
              // A ServiceMonitor is scraped by a Prometheus the operator
              // runs, so it and a prometheus.io/scrape annotation are the
              // same thing seen from two sides.
              runs: ['prometheus'],
            },
          ],
        },
        {
          id: 'tracing',
          title: 'Distributed tracing',
          group: 'observability',
          description:
            'Follows individual requests through the service and its dependencies to find where latency and errors come from.',
          tools: [
            {
              id: 'jaeger',
              title: 'Jaeger',
              url: 'https://www.jaegertracing.io/',
            },
            {
              id: 'opentracing',
              title: 'OpenTracing',
              url: 'https://opentracing.io/',
            },
            { id: 'zipkin', title: 'Zipkin', url: 'https://zipkin.io/' },
            sharedTools.opentelemetry,
          ],
        },
        {
          id: 'syscall-tracing',
          title: 'Syscall tracing',
          group: 'observability',
          optional: true,
          description:
            "Records the system calls the service's processes make, for deep troubleshooting and forensics at the operating-system level.",
          tools: [
            { id: 'sysdig', title: 'Sysdig', url: 'https://sysdig.com/' },
            { id: 'dtrace', title: 'DTrace' },
          ],
        },
        {
          id: 'alerting',
          title: 'Alerting',
          group: 'observability',
          description:
            "Turns the service's telemetry into alerts routed to the right on-call people when something breaks or degrades.",
          tools: [
            {
              id: 'alertmanager',
              title: 'Prometheus Alertmanager',
              url: 'https://prometheus.io/docs/alerting/latest/alertmanager/',
            },
            {
              id: 'grafana-alerting',
              title: 'Grafana Alerting',
              url: 'https://grafana.com/docs/grafana/latest/alerting/',
            },
          ],
        },
        {
          id: 'visualization',
          title: 'Visualization',
          group: 'observability',
          description:
            "Dashboards that put the service's logs, metrics and traces in front of the team in one place.",
          tools: [
            { id: 'grafana', title: 'Grafana', url: 'https://grafana.com/' },
            { id: 'splunk', title: 'Splunk', url: 'https://www.splunk.com/' },
            { id: 'aria-operations', title: 'VMware Aria Operations' },
          ],
        },
      ],
    },
    {
      id: 5,
      title: 'Platform services',
      description:
        'Shared middleware the platform offers on top of the cluster, which a service opts into: a mesh for service-to-service traffic, messaging, and operator-managed data stores.',
      capabilities: [
        {
          id: 'service-mesh',
          title: 'Service mesh',
          group: 'traffic',
          optional: true,
          description:
            "A sidecar or node proxy layer that gives the service's east-west traffic mutual TLS, retries, traffic shifting and per-request telemetry without code changes.",
          tools: [
            sharedTools.istio,
            { id: 'linkerd', title: 'Linkerd', url: 'https://linkerd.io/' },
            {
              id: 'consul-connect',
              title: 'Consul Connect',
              url: 'https://www.consul.io/docs/connect',
            },
            { id: 'envoy', title: 'Envoy', url: 'https://www.envoyproxy.io/' },
            {
              id: 'kuma',
              title: 'Kuma',
              url: 'https://kuma.io/',
              // Kuma's data-plane proxies are Envoy.
              runs: ['envoy'],
            },
          ],
        },
        {
          id: 'messaging',
          title: 'Messaging & streaming',
          group: 'data',
          optional: true,
          description:
            'Managed queues, pub/sub and event streams the service uses to talk to others asynchronously.',
          tools: [
            { id: 'nats', title: 'NATS', url: 'https://nats.io/' },
            {
              id: 'strimzi',
              title: 'Apache Kafka (Strimzi)',
              url: 'https://strimzi.io/',
            },
          ],
        },
        {
          id: 'database-operators',
          title: 'Databases & storage operators',
          group: 'data',
          optional: true,
          description:
            'Operators that run databases and distributed storage inside the cluster for the service, handling provisioning, failover, scaling and backups.',
          tools: [
            { id: 'vitess', title: 'Vitess', url: 'https://vitess.io/' },
            { id: 'rook', title: 'Rook', url: 'https://rook.io/' },
            { id: 'tikv', title: 'TiKV', url: 'https://tikv.org/' },
            { id: 'cass-operator', title: 'Cassandra Operator (DataStax)' },
          ],
        },
      ],
    },
    {
      id: 6,
      title: 'Application',
      description:
        "The service itself: the workloads its team deploys, the images they run and how they stay healthy. Owned by the service's team.",
      capabilities: [
        {
          id: 'workloads',
          title: 'Workloads',
          description:
            "The service's own Kubernetes workload objects (Deployments, StatefulSets, DaemonSets, Jobs and CronJobs) and their replicas.",
          tools: [
            {
              id: 'deployment',
              title: 'Deployment',
              url: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
            },
            {
              id: 'statefulset',
              title: 'StatefulSet',
              url: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/',
            },
            {
              id: 'daemonset',
              title: 'DaemonSet',
              url: 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
            },
            {
              id: 'job',
              title: 'Job',
              url: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
            },
            {
              id: 'cronjob',
              title: 'CronJob',
              url: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/',
            },
          ],
        },
        {
          id: 'images',
          title: 'Container images',
          description:
            'The container images the service runs: where they come from, which tag and digest, how old they are and whether newer ones exist.',
          tools: [
            {
              id: 'oci-image',
              title: 'OCI container image',
              url: 'https://opencontainers.org/',
            },
          ],
        },
        {
          id: 'health',
          title: 'Health & resilience',
          description:
            'What keeps the service healthy under change: probes, resource requests and limits, disruption budgets and autoscaling.',
          tools: [
            {
              id: 'liveness-probe',
              title: 'Liveness probe',
              url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
            },
            {
              id: 'readiness-probe',
              title: 'Readiness probe',
              url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
            },
            {
              id: 'resource-limits',
              title: 'Resource requests & limits',
              url: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
            },
            {
              id: 'horizontal-pod-autoscaler',
              title: 'HorizontalPodAutoscaler',
              url: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
            },
            {
              id: 'pod-disruption-budget',
              title: 'PodDisruptionBudget',
              url: 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
            },
          ],
        },
      ],
    },
  ],
};
