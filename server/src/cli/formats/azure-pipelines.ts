/**
 * The run identity GitHub Advanced Security for Azure DevOps (GHAzDO) requires of a SARIF run:
 * `automationDetails.id` `azuredevops/pipeline/build/<org>/<projectId>/<definitionId>/<phaseId>/<branch>/<buildId>`
 * and four `automationDetails.properties` (rules GHAzDO1019 and GHAzDO1020 of
 * `@microsoft/sarif-multitool validate --rule-kind Ado`). Built from the predefined variables an
 * Azure Pipelines agent sets (TF_BUILD, SYSTEM_COLLECTIONURI, ...: the names microsoft/sarif-sdk
 * reads in `src/Sarif.Multitool.Library/AdoPipelineContext.cs`). Outside Azure Pipelines there is
 * no such identity and the run keeps its category (sarif.ts).
 */

export const ADO_PREFIX = 'azuredevops/pipeline/build/';

export interface AdoIdentity {
  id: string;
  properties: Record<string, string>;
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organisation in https://dev.azure.com/<org>/ or https://<org>.visualstudio.com/. */
function organisation(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  if (host === 'dev.azure.com' || host === 'vsrm.dev.azure.com') return url.pathname.split('/').filter(Boolean)[0];
  const m = /^([^.]+)(?:\.vsrm)?\.visualstudio\.com$/.exec(host);
  return m?.[1];
}

/**
 * undefined outside Azure Pipelines (TF_BUILD not "True"); an identity when every variable is
 * there and well-formed; otherwise the list of what is missing or malformed.
 */
export function adoIdentity(env: Env): AdoIdentity | { problems: string[] } | undefined {
  if (!/^(true|1)$/i.test((env.TF_BUILD ?? '').trim())) return undefined;
  const get = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => v) ?? '';
  const problems: string[] = [];
  const org = organisation(get('SYSTEM_COLLECTIONURI'));
  if (!org) problems.push('SYSTEM_COLLECTIONURI (https://dev.azure.com/<org>/)');
  const project = get('SYSTEM_TEAMPROJECTID');
  if (!GUID.test(project)) problems.push('SYSTEM_TEAMPROJECTID (a GUID)');
  const definitionId = get('BUILD_DEFINITIONID', 'SYSTEM_DEFINITIONID');
  if (!/^[1-9]\d*$/.test(definitionId)) problems.push('BUILD_DEFINITIONID (a number)');
  const definitionName = get('BUILD_DEFINITIONNAME');
  if (!definitionName) problems.push('BUILD_DEFINITIONNAME');
  const buildId = get('BUILD_BUILDID');
  if (!/^[1-9]\d*$/.test(buildId)) problems.push('BUILD_BUILDID (a number)');
  const phaseId = get('SYSTEM_PHASEID', 'SYSTEM_JOBID');
  if (!GUID.test(phaseId)) problems.push('SYSTEM_PHASEID (a GUID)');
  const phaseName = get('SYSTEM_PHASENAME', 'SYSTEM_JOBNAME');
  if (!phaseName) problems.push('SYSTEM_PHASENAME');
  const branch = get('BUILD_SOURCEBRANCH');
  if (!branch) problems.push('BUILD_SOURCEBRANCH');
  if (problems.length) return { problems };
  return {
    id: `${ADO_PREFIX}${org}/${project.toLowerCase()}/${definitionId}/${phaseId.toLowerCase()}/${branch}/${buildId}`,
    properties: {
      [`${ADO_PREFIX}buildDefinitionId`]: definitionId,
      [`${ADO_PREFIX}buildDefinitionName`]: definitionName,
      [`${ADO_PREFIX}phaseId`]: phaseId.toLowerCase(),
      [`${ADO_PREFIX}phaseName`]: phaseName,
    },
  };
}
