import { loadKnowledgeBase } from './knowledge/knowledge-base.js';
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await loadKnowledgeBase('knowledge');
  console.log('load', Math.round(performance.now() - t), 'ms');
}
