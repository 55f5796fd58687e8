// Every knowledge file and its schema: the knowledge test validates them all.
import type { KnowledgeFile } from '../loader';
import { glossaryFile } from './glossary';
import { hygieneFile } from './hygiene';
import { jurisdictionsFile } from './jurisdictions';
import { requirementsFile } from './requirements';
import { ontologyFile } from './ontology';
import { conflictsFile } from './conflicts';
import { risksFile } from './risks';
import { sectionTopicsFile } from './sectionTopics';
import { templatesFile } from './templates';

export const KNOWLEDGE_FILES: KnowledgeFile<unknown>[] = [jurisdictionsFile, hygieneFile, sectionTopicsFile, ontologyFile, glossaryFile, templatesFile, risksFile, conflictsFile, requirementsFile] as KnowledgeFile<unknown>[];
