/**
 * The site's viewer-request function: `/c/<id>/` is served from `/c/<id>/index.html`, and a path without a file name
 * is redirected to its folder. CloudFront Functions JavaScript runtime 2.0.
 */
export const DIRECTORY_INDEX_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
    return request;
  }
  var name = uri.substring(uri.lastIndexOf('/') + 1);
  if (name.indexOf('.') === -1) {
    // One leading slash only: '//host' would send the viewer to another site.
    var location = '/' + uri.replace(/^[/]+/, '') + '/';
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: location } } };
  }
  return request;
}`;
